package dev.orbweaver.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** helm/orbweaver rendered through helm-java, which bundles Helm: no helm binary needed. */
final class Chart {
  static final String RELEASE = "orbweaver";
  static final String NAMESPACE = "orbweaver";

  /** helm template assumes Kubernetes 1.20 without a cluster; the chart needs 1.25 or newer. */
  static final String KUBE_VERSION = "1.31.0";

  /** Value sets the tests render; each is a file under src/test/resources/values. */
  static final List<String> VALUE_SETS =
      List.of("defaults", "external-databases", "autoscaling", "ingress");

  private Chart() {}

  /** {@code helm template orbweaver helm/orbweaver -n orbweaver -f <files> --set k=v}. */
  static String template(List<Path> valuesFiles, Map<String, Object> sets) {
    FakeCluster.get();
    TemplateCommand command =
        new Helm(Repo.chart())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    valuesFiles.forEach(command::withValuesFile);
    sets.forEach(command::set);
    return command.call();
  }

  static Manifests render(String valueSet) {
    return Manifests.parse(
        template(List.of(Repo.testValues(valueSet)), Map.of()), "value set " + valueSet);
  }

  static Manifests render(Map<String, Object> sets) {
    return Manifests.parse(template(List.of(), sets), "--set " + sets);
  }
}
