package dev.fastci;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the main code of both modules, checked on every build: no package cycles, contracts
 * that import no engine, workflow code that touches no container, and a worker package that only
 * the composition points import.
 */
class ArchitectureTest {
  private static JavaClasses main;

  /** Main classes only: neither test classes nor the workers test-jar. */
  private static final ImportOption MAIN_ONLY =
      location ->
          !location.contains("/test-classes/")
              && !location.contains("-tests.jar")
              && !location.contains("/generated-test-sources/");

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("dev.fastci");
    // Both modules' main code, or the rules would pass on nothing.
    assertThat(main.containPackage("dev.fastci.workflow")).isTrue();
    assertThat(main.containPackage("dev.fastci.server.ui")).isTrue();
    assertThat(main.stream().filter(c -> c.getSource().toString().contains("test-classes")))
        .isEmpty();
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.fastci.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void theContractsImportNoEngineAndNoImplementation() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.fastci.contract..", "dev.fastci.spec..", "dev.fastci.util..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.github.dockerjava..",
            "org.eclipse.jgit..",
            "dev.fastci.backend..",
            "dev.fastci.job..",
            "dev.fastci.host..",
            "dev.fastci.workflow..",
            "dev.fastci.worker..",
            "dev.fastci.server..",
            "dev.fastci.cli..")
        .check(main);
  }

  @Test
  void workflowCodeTouchesNoContainerAndNoRepository() {
    noClasses()
        .that()
        .resideInAPackage("dev.fastci.workflow..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.github.dockerjava..",
            "org.eclipse.jgit..",
            "dev.fastci.backend..",
            "dev.fastci.job..",
            "dev.fastci.host..",
            "dev.fastci.worker..")
        .check(main);
  }

  @Test
  void theWorkerIsTheCompositionRootThatNothingInTheWorkersImports() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.fastci.backend..",
            "dev.fastci.cache..",
            "dev.fastci.client..",
            "dev.fastci.contract..",
            "dev.fastci.host..",
            "dev.fastci.job..",
            "dev.fastci.logs..",
            "dev.fastci.secrets..",
            "dev.fastci.spec..",
            "dev.fastci.util..",
            "dev.fastci.workflow..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fastci.worker..")
        .check(main);
  }

  @Test
  void onlyTheDockerBackendTalksToDocker() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.fastci.backend.docker..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.github.dockerjava..")
        .check(main);
  }

  @Test
  void textIsEncodedAndDecodedWithAnExplicitCharset() {
    noClasses()
        .should()
        .callMethod(String.class, "getBytes")
        .orShould()
        .callConstructor(String.class, byte[].class)
        .orShould()
        .callConstructor(java.io.InputStreamReader.class, java.io.InputStream.class)
        .orShould()
        .callConstructor(java.io.OutputStreamWriter.class, java.io.OutputStream.class)
        .orShould()
        .callConstructor(java.io.PrintStream.class, java.io.OutputStream.class)
        .because("the platform charset differs between machines: FastCI writes UTF-8")
        .check(main);
  }

  @Test
  void theWebUiTalksToRunsNotToTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.fastci.server.ui..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.github.dockerjava..",
            "dev.fastci.backend..",
            "dev.fastci.job..",
            "dev.fastci.host..",
            "dev.fastci.worker..",
            "dev.fastci.workflow..")
        .check(main);
  }
}
