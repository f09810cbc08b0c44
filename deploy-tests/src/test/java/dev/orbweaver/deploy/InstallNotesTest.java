package dev.orbweaver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** README's "Install on Kubernetes" shows the real install line and what that install prints. */
class InstallNotesTest {
  static final String INSTALL =
      "helm install orbweaver ./helm/orbweaver --namespace orbweaver --create-namespace"
          + " --set image.registry=$REGISTRY";

  @Test
  void readmeShowsTheInstallLineAndTheNotesItPrints() throws IOException {
    String readme = Files.readString(Repo.root().resolve("README.md"));
    int section = readme.indexOf("## Install on Kubernetes");
    assertThat(section).as("README has an 'Install on Kubernetes' section").isNotNegative();
    int end = readme.indexOf("\n## ", section + 1);
    String text = end < 0 ? readme.substring(section) : readme.substring(section, end);

    String output =
        new Helm(Repo.chart())
            .install()
            .withName(Chart.RELEASE)
            .withNamespace(Chart.NAMESPACE)
            .createNamespace()
            .set("image.registry", "registry.example.com/acme")
            .withKubeVersion(Chart.KUBE_VERSION)
            .dryRun()
            .withDryRunOption(DryRun.CLIENT)
            .clientOnly()
            .call()
            .getOutput();
    String notes = output.substring(output.indexOf("NOTES:\n")).strip();

    assertThat(text).contains(INSTALL);
    assertThat(text).as("the NOTES an install prints, verbatim").contains(notes);
  }
}
