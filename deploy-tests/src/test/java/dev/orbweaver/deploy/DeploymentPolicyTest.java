package dev.orbweaver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every rendering of the platform must keep, whatever the values: bounded, probed, non-root
 * pods, a disruption budget per Deployment, and NetworkPolicies under which only the gateway is
 * reachable from outside and every other service only from its callers.
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
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
      assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
      assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
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
                }
                return;
              }
              assertThat(reach.namespaces())
                  .as("%s: only Prometheus's namespace, for metrics", owner)
                  .isSubsetOf(Set.of("monitoring"));
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
            });
    assertThat(seen).containsAll(SERVICES);
  }
}
