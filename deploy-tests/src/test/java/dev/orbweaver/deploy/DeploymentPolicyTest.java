package dev.orbweaver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every rendering of the platform must keep, whatever the values: bounded, probed, non-root
 * pods, a disruption budget per Deployment, NetworkPolicies under which only the gateway's http
 * port is reachable from outside and every other service only from its callers, and management
 * ports (health, metrics, OpenAPI) that only probes, Prometheus and the gateway reach.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentPolicyTest {
  /** Who calls whom (docs/internal-api.md); everything else is refused. */
  static final Map<String, Set<String>> CALLERS =
      Map.of(
          "gateway", Set.of(),
          "auth-service",
              Set.of(
                  "gateway",
                  "backlink-service",
                  "crawl-service",
                  "crawl-worker",
                  "scrape-service",
                  "webhook-service"),
          "backlink-service", Set.of("gateway"),
          "crawl-service", Set.of("gateway", "webhook-service"),
          "crawl-worker", Set.of(),
          "scrape-service", Set.of("gateway"),
          "webhook-service", Set.of("gateway", "crawl-service", "crawl-worker"));

  static final Set<String> SERVICES = CALLERS.keySet();

  /**
   * Whose management port the gateway reads (its /v1/ready and the merged OpenAPI document); the
   * only other reader is Prometheus.
   */
  static final Set<String> READ_BY_THE_GATEWAY =
      Set.of(
          "auth-service", "backlink-service", "crawl-service", "scrape-service", "webhook-service");

  /** Rendered once for the three checks: generating a JWT key pair per rendering takes a second. */
  private List<Arguments> renderings;

  Stream<Arguments> renderings() {
    if (renderings == null) {
      renderings = render();
    }
    return renderings.stream();
  }

  private static List<Arguments> render() {
    List<Arguments> all = new ArrayList<>();
    for (String set : Chart.VALUE_SETS) {
      all.add(Arguments.of("values " + set, Chart.render(set)));
    }
    all.add(
        Arguments.of(
            "values defaults + ingest",
            Chart.render(
                Map.of(
                    "backlinkService.ingest.enabled",
                    true,
                    "backlinkService.ingest.source",
                    "sample"))));
    for (String flavour : Flavours.NAMES) {
      all.add(Arguments.of("k8s/" + flavour, Flavours.load(flavour)));
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everyPodIsBoundedProbedAndNonRoot(String rendering, Manifests m) {
    Map<String, PodTemplateSpec> pods = m.podTemplates();
    assertThat(pods).isNotEmpty();
    pods.forEach(
        (owner, pod) -> {
          PodSecurityContext podSecurity = pod.getSpec().getSecurityContext();
          assertThat(pod.getSpec().getAutomountServiceAccountToken())
              .as("%s mounts no API token", owner)
              .isFalse();
          for (Container c : pod.getSpec().getContainers()) {
            String what = owner + " container " + c.getName();
            var resources = c.getResources();
            assertThat(resources).as(what).isNotNull();
            for (String r : List.of("cpu", "memory")) {
              Quantity request = resources.getRequests().get(r);
              Quantity limit = resources.getLimits().get(r);
              assertThat(request).as("%s requests %s", what, r).isNotNull();
              assertThat(limit).as("%s limits %s", what, r).isNotNull();
              assertThat(request.getNumericalAmount())
                  .as("%s asks no more %s than its limit", what, r)
                  .isLessThanOrEqualTo(limit.getNumericalAmount());
            }
            if (!owner.startsWith("Job/")) {
              // A Job runs to completion; a kubelet restarting it on a probe would only lose work.
              assertThat(c.getLivenessProbe()).as("%s liveness probe", what).isNotNull();
              assertThat(c.getReadinessProbe()).as("%s readiness probe", what).isNotNull();
              assertThat(c.getStartupProbe()).as("%s startup probe", what).isNotNull();
            }
            SecurityContext security = c.getSecurityContext();
            Boolean nonRoot =
                security != null && security.getRunAsNonRoot() != null
                    ? security.getRunAsNonRoot()
                    : podSecurity == null ? null : podSecurity.getRunAsNonRoot();
            Long user =
                security != null && security.getRunAsUser() != null
                    ? security.getRunAsUser()
                    : podSecurity == null ? null : podSecurity.getRunAsUser();
            assertThat(nonRoot).as("%s runAsNonRoot", what).isTrue();
            assertThat(user).as("%s runAsUser", what).isNotNull().isNotZero();
            assertThat(security).as("%s securityContext", what).isNotNull();
            assertThat(security.getAllowPrivilegeEscalation())
                .as("%s allowPrivilegeEscalation", what)
                .isFalse();
            assertThat(security.getPrivileged()).as("%s privileged", what).isNotEqualTo(true);
            assertThat(security.getCapabilities().getDrop()).as(what).contains("ALL");
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void everyServiceDeploymentHasHealthProbesAndADisruptionBudget(String rendering, Manifests m) {
    for (Deployment d : m.all(Deployment.class)) {
      Container c = d.getSpec().getTemplate().getSpec().getContainers().getFirst();
      String what = d.getMetadata().getName();
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
      assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
      assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
      for (Probe probe :
          List.of(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe())) {
        assertThat(probe.getHttpGet().getPort().getStrVal())
            .as("%s probes the management interface, the only port serving /q", what)
            .isEqualTo("management");
      }
      Map<String, Integer> ports =
          c.getPorts().stream()
              .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
      assertThat(ports).as("%s ports", what).containsOnlyKeys("http", "management");
      assertThat(ports.get("management"))
          .as("%s management port: its http port + 100, as on one machine", what)
          .isEqualTo(ports.get("http") + 100);
      var labels = d.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(
              m.all(PodDisruptionBudget.class).stream()
                  .filter(p -> NetworkReach.matches(p.getSpec().getSelector(), labels)))
          .as("PodDisruptionBudget of %s", d.getMetadata().getName())
          .hasSize(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void onlyTheGatewayIsReachableFromOutsideAndEachServiceOnlyFromItsCallers(
      String rendering, Manifests m) {
    NetworkReach network = new NetworkReach(m);
    List<String> seen = new ArrayList<>();
    network
        .pods()
        .forEach(
            (owner, pod) -> {
              String component = pod.getMetadata().getLabels().get(NetworkReach.COMPONENT);
              NetworkReach.Reach reach = network.of(pod);
              seen.add(component);
              if (component.equals("gateway")) {
                // The ingress value set lets only the ingress controller's namespace in.
                boolean restricted = rendering.equals("values ingress");
                assertThat(reach.fromOutside())
                    .as("the gateway: %s", reach.why())
                    .isEqualTo(!restricted);
                if (restricted) {
                  assertThat(reach.namespaces()).containsExactly("ingress-nginx", "monitoring");
                  assertThat(reach.portsOf("namespace/ingress-nginx")).containsExactly("http");
                } else {
                  assertThat(reach.portsOf(NetworkReach.OUTSIDE))
                      .as("the world reaches the gateway's http port, not its management port")
                      .containsExactly("http");
                }
                assertThat(reach.portsOf("namespace/monitoring")).containsExactly("management");
                assertThat(reach.callers()).as("nobody in the release calls the gateway").isEmpty();
                return;
              }
              assertThat(reach.namespaces())
                  .as("%s: only Prometheus's namespace, for metrics", owner)
                  .isSubsetOf(Set.of("monitoring"));
              reach
                  .namespaces()
                  .forEach(
                      namespace ->
                          assertThat(reach.portsOf("namespace/" + namespace))
                              .as("%s: Prometheus scrapes the management port only", owner)
                              .containsExactly("management"));
              assertThat(reach.fromOutside())
                  .as("%s from outside: %s", owner, reach.why())
                  .isFalse();
              Set<String> expected =
                  switch (component) {
                    case "postgresql", "redis" -> SERVICES;
                    case "backlink-ingest" -> Set.of();
                    default -> CALLERS.get(component);
                  };
              assertThat(expected).as("%s is a known component", component).isNotNull();
              assertThat(reach.callers())
                  .as("%s accepts exactly its callers", owner)
                  .isEqualTo(expected);
              if (CALLERS.containsKey(component)) {
                for (String caller : reach.callers()) {
                  Set<String> ports = new TreeSet<>(Set.of("http"));
                  if (caller.equals("gateway") && READ_BY_THE_GATEWAY.contains(component)) {
                    ports.add("management");
                  }
                  assertThat(reach.portsOf(caller))
                      .as("%s: the ports %s may reach", owner, caller)
                      .isEqualTo(ports);
                }
              }
            });
    assertThat(seen).containsAll(SERVICES);
  }

  /**
   * The management ports carry health, metrics and OpenAPI: reached by probes, Prometheus and the
   * gateway inside the cluster, never by an Ingress or the gateway's published Service.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void noIngressOrPublishedServiceRoutesToAManagementPort(String rendering, Manifests m) {
    List<Service> services = m.all(Service.class);
    for (Ingress ingress : m.all(Ingress.class)) {
      List<IngressServiceBackend> backends = new ArrayList<>();
      if (ingress.getSpec().getDefaultBackend() != null) {
        backends.add(ingress.getSpec().getDefaultBackend().getService());
      }
      ingress
          .getSpec()
          .getRules()
          .forEach(
              r -> r.getHttp().getPaths().forEach(p -> backends.add(p.getBackend().getService())));
      for (IngressServiceBackend backend : backends) {
        Service service = m.get(Service.class, backend.getName());
        ServicePort port =
            service.getSpec().getPorts().stream()
                .filter(
                    p ->
                        backend.getPort().getName() != null
                            ? backend.getPort().getName().equals(p.getName())
                            : backend.getPort().getNumber().equals(p.getPort()))
                .findFirst()
                .orElseThrow();
        assertThat(port.getTargetPort().getStrVal())
            .as("Ingress %s routes to %s", ingress.getMetadata().getName(), backend.getName())
            .isEqualTo("http");
      }
    }
    for (Service service : services) {
      String name = service.getMetadata().getName();
      boolean published =
          !"ClusterIP".equals(Objects.requireNonNullElse(service.getSpec().getType(), "ClusterIP"));
      boolean gateway =
          "gateway".equals(service.getSpec().getSelector().get(NetworkReach.COMPONENT))
              && !"None".equals(service.getSpec().getClusterIP());
      if (published || gateway) {
        assertThat(service.getSpec().getPorts())
            .as("%s is published: only http, never the management port", name)
            .allSatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
      }
    }
  }

  /** Every pod Prometheus should scrape is selected through a Service with a management port. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void serviceMonitorsScrapeEveryDeploymentOnItsManagementPort(String rendering, Manifests m) {
    for (ServiceMonitor monitor : m.all(ServiceMonitor.class)) {
      assertThat(monitor.getSpec().getEndpoints())
          .allSatisfy(
              e -> {
                assertThat(e.getPort()).isEqualTo("management");
                assertThat(e.getPath()).isEqualTo("/q/metrics");
              });
      List<Service> scraped =
          m.all(Service.class).stream()
              .filter(
                  s ->
                      NetworkReach.matches(
                          monitor.getSpec().getSelector(), s.getMetadata().getLabels()))
              .toList();
      assertThat(scraped)
          .as("every Service the monitor selects has a management port")
          .allSatisfy(
              s ->
                  assertThat(s.getSpec().getPorts())
                      .extracting(ServicePort::getName)
                      .contains("management"));
      for (Deployment d : m.all(Deployment.class)) {
        Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(scraped)
            .as("%s is scraped", d.getMetadata().getName())
            .anySatisfy(
                s ->
                    assertThat(
                            s.getSpec().getSelector().entrySet().stream()
                                .allMatch(e -> e.getValue().equals(labels.get(e.getKey()))))
                        .isTrue());
      }
    }
  }
}
