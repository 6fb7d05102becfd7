package org.winbackhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the floors of the house plan: model, store and kernels, stages side by side, ops on top. */
class ArchitectureTest {
  static final JavaClasses HUB =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.winbackhub");

  static final String[] STAGES = {"intake", "segment", "journey", "channel", "feedback", "report"};

  @Test
  void the_rules_see_every_floor_of_the_code() {
    // an empty import would make every rule below pass without checking anything
    for (String pkg : new String[] {"model", "store", "config", "tracking", "signature", "intake", "segment", "journey", "channel", "feedback", "report", "ops"}) {
      org.assertj.core.api.Assertions.assertThat(HUB.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("org.winbackhub." + pkg + "..")))
          .as("classes in %s", pkg).isNotEmpty();
    }
  }

  @Test
  void stages_never_import_each_other() {
    for (String stage : STAGES) {
      String[] others =
          java.util.Arrays.stream(STAGES).filter(o -> !o.equals(stage)).map(o -> "org.winbackhub." + o + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage("org.winbackhub." + stage + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .because("stages meet in the store, never sideways")
          .check(HUB);
    }
  }

  @Test
  void packages_have_no_cycles() {
    slices().matching("org.winbackhub.(*)..").should().beFreeOfCycles().check(HUB);
  }

  @Test
  void the_model_depends_on_nothing_of_ours() {
    noClasses().that().resideInAPackage("org.winbackhub.model..")
        .should().dependOnClassesThat().resideInAnyPackage("org.winbackhub.store..", "org.winbackhub.config..",
            "org.winbackhub.tracking..", "org.winbackhub.signature..", "org.winbackhub.ops..", "org.winbackhub.intake..",
            "org.winbackhub.segment..",
            "org.winbackhub.journey..", "org.winbackhub.channel..", "org.winbackhub.feedback..", "org.winbackhub.report..")
        .check(HUB);
  }

  @Test
  void the_store_and_the_kernels_use_only_the_model() {
    noClasses().that().resideInAnyPackage("org.winbackhub.store..", "org.winbackhub.config..", "org.winbackhub.tracking..",
            "org.winbackhub.signature..")
        .should().dependOnClassesThat().resideInAnyPackage("org.winbackhub.ops..", "org.winbackhub.intake..",
            "org.winbackhub.segment..", "org.winbackhub.journey..", "org.winbackhub.channel..",
            "org.winbackhub.feedback..", "org.winbackhub.report..")
        .check(HUB);
    noClasses().that().resideInAPackage("org.winbackhub.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.winbackhub.config..", "org.winbackhub.tracking..",
            "org.winbackhub.signature..")
        .check(HUB);
  }

  @Test
  void only_ops_knows_camel() {
    noClasses().that().resideOutsideOfPackage("org.winbackhub.ops..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
        .check(HUB);
  }

  @Test
  void nothing_depends_on_ops() {
    noClasses().that().resideOutsideOfPackage("org.winbackhub.ops..")
        .should().dependOnClassesThat().resideInAPackage("org.winbackhub.ops..")
        .check(HUB);
  }
}
