package dev.orbweaver.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who may open a connection to a pod, and to which of its ports, by the rules of NetworkPolicy
 * ingress: a pod no policy selects accepts anything; a selected pod accepts the union of the rules
 * of every policy that selects it. Peers are named by the release component they match; anything
 * that is not a pod of this release (another namespace, an address block, every pod of the
 * namespace, every source) is "outside". Ports are the names the rules give ({@link #ANY_PORT} when
 * a rule names none).
 */
final class NetworkReach {
  static final String COMPONENT = "app.kubernetes.io/component";

  /** A rule without ports admits every port. */
  static final String ANY_PORT = "*";

  /** The peer key of sources outside the release in {@link Reach#ports()}. */
  static final String OUTSIDE = "outside";

  /**
   * What a pod accepts: components of the release, other namespaces, whether the world, and per
   * peer (a component, {@code namespace/<name>} or {@link #OUTSIDE}) the ports it may reach.
   */
  record Reach(
      boolean fromOutside,
      Set<String> callers,
      Set<String> namespaces,
      Map<String, Set<String>> ports,
      List<String> why) {

    /** The ports a peer may reach; empty when it may reach none. */
    Set<String> portsOf(String peer) {
      return ports.getOrDefault(peer, Set.of());
    }
  }

  private final List<NetworkPolicy> policies;
  private final Map<String, PodTemplateSpec> pods;

  NetworkReach(Manifests manifests) {
    this.policies = manifests.all(NetworkPolicy.class);
    this.pods = manifests.podTemplates();
  }

  Map<String, PodTemplateSpec> pods() {
    return pods;
  }

  Reach of(PodTemplateSpec pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    List<NetworkPolicy> selecting =
        policies.stream()
            .filter(p -> matches(p.getSpec().getPodSelector(), labels))
            .filter(
                p ->
                    p.getSpec().getPolicyTypes() == null
                        || p.getSpec().getPolicyTypes().contains("Ingress"))
            .toList();
    List<String> why = new ArrayList<>();
    Set<String> callers = new TreeSet<>();
    Set<String> namespaces = new TreeSet<>();
    Map<String, Set<String>> ports = new TreeMap<>();
    if (selecting.isEmpty()) {
      why.add("no NetworkPolicy selects it");
      ports.put(OUTSIDE, Set.of(ANY_PORT));
      return new Reach(true, callers, namespaces, ports, why);
    }
    boolean outside = false;
    for (NetworkPolicy policy : selecting) {
      List<NetworkPolicyIngressRule> rules =
          policy.getSpec().getIngress() == null ? List.of() : policy.getSpec().getIngress();
      for (NetworkPolicyIngressRule rule : rules) {
        Set<String> rulePorts = portNames(rule);
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
          outside = true;
          why.add(policy.getMetadata().getName() + " admits every source");
          admit(ports, OUTSIDE, rulePorts);
          continue;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          if (peer.getIpBlock() != null) {
            outside = true;
            why.add(policy.getMetadata().getName() + " admits " + peer.getIpBlock().getCidr());
            admit(ports, OUTSIDE, rulePorts);
          } else if (peer.getNamespaceSelector() != null) {
            String namespace = namedNamespace(peer.getNamespaceSelector());
            if (namespace == null) {
              outside = true;
              why.add(policy.getMetadata().getName() + " admits pods of other namespaces");
              admit(ports, OUTSIDE, rulePorts);
            } else {
              namespaces.add(namespace);
              admit(ports, "namespace/" + namespace, rulePorts);
            }
          } else {
            LabelSelector selector = peer.getPodSelector();
            Set<String> matched = new TreeSet<>();
            pods.values().stream()
                .map(p -> p.getMetadata().getLabels())
                .filter(l -> matches(selector, l))
                .forEach(l -> matched.add(l.get(COMPONENT)));
            if (!pinsAComponent(selector)) {
              // Unnamed pods of the namespace would match too: not only this release's callers.
              outside = true;
              why.add(policy.getMetadata().getName() + " admits pods that are not named");
              admit(ports, OUTSIDE, rulePorts);
            }
            callers.addAll(matched);
            matched.forEach(component -> admit(ports, component, rulePorts));
          }
        }
      }
    }
    return new Reach(outside, callers, namespaces, ports, why);
  }

  /** The ports a rule names (by name, or by number as text), or {@link #ANY_PORT}. */
  private static Set<String> portNames(NetworkPolicyIngressRule rule) {
    if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
      return Set.of(ANY_PORT);
    }
    Set<String> names = new TreeSet<>();
    for (NetworkPolicyPort port : rule.getPorts()) {
      if (port.getPort() == null) {
        names.add(ANY_PORT);
      } else if (port.getPort().getStrVal() != null) {
        names.add(port.getPort().getStrVal());
      } else {
        names.add(Integer.toString(port.getPort().getIntVal()));
      }
    }
    return names;
  }

  private static void admit(Map<String, Set<String>> ports, String peer, Set<String> names) {
    ports.computeIfAbsent(peer, p -> new TreeSet<>()).addAll(names);
  }

  /** The one namespace a selector names by its kubernetes.io/metadata.name label, or null. */
  private static String namedNamespace(LabelSelector selector) {
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      return null;
    }
    Map<String, String> labels = selector.getMatchLabels();
    return labels == null ? null : labels.get("kubernetes.io/metadata.name");
  }

  private static boolean pinsAComponent(LabelSelector selector) {
    return selector != null
        && selector.getMatchLabels() != null
        && selector.getMatchLabels().containsKey(COMPONENT)
        && selector.getMatchLabels().containsKey("app.kubernetes.io/instance");
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String value = labels.get(r.getKey());
        boolean ok =
            switch (r.getOperator()) {
              case "In" -> value != null && r.getValues().contains(value);
              case "NotIn" -> value == null || !r.getValues().contains(value);
              case "Exists" -> value != null;
              case "DoesNotExist" -> value == null;
              default -> throw new IllegalArgumentException("operator " + r.getOperator());
            };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}
