"""Scrapy on the bench farm: 64 concurrent requests, 8 per host, robots obeyed, HTML to JSON lines.

Run with: scrapy runspider scrapy_farm.py -a hosts=20 -a port=18800 -O out.jsonl
"""
import scrapy
from scrapy.linkextractors import LinkExtractor


class FarmSpider(scrapy.Spider):
    name = "farm"
    custom_settings = {
        "CONCURRENT_REQUESTS": 64,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "CONCURRENT_REQUESTS_PER_IP": 8,
        "DOWNLOAD_DELAY": 0,
        "ROBOTSTXT_OBEY": True,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }

    def __init__(self, hosts="20", port="18800", **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [f"http://127.0.0.{h + 2}:{port}/" for h in range(int(hosts))]
        self.links = LinkExtractor()

    def parse(self, response):
        yield {"url": response.url, "status": response.status, "html": response.text}
        host = response.url.split("/")[2]
        for link in self.links.extract_links(response):
            if link.url.split("/")[2] == host:
                yield response.follow(link.url, self.parse)
