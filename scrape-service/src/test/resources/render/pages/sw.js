self.addEventListener('install', () => { fetch('http://CANARY/service-worker-install').catch(() => {}); });
self.addEventListener('activate', () => { fetch('http://CANARY/service-worker-activate').catch(() => {}); });
fetch('http://CANARY/service-worker').catch(() => {});
