package org.winbackhub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Keeps the floors of the house plan: model; store and the kernels; the stages side by side, each
 * with its Camel adapters in camel/ sub-packages; app, cli, demo on top. The benchmarks are not
 * here: they live in src/bench/java, outside the product (PackagedJarContentsIT).
 */
class ArchitectureTest {
  static final JavaClasses HUB =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.winbackhub");

  static final String[] STAGES = {"intake", "segment", "journey", "channel", "feedback", "report"};

  /** Small shared kernels named after what they are; they use only the model (and each other). */
  static final String[] KERNELS = {"config", "tracking", "signature", "http", "offer"};

  /** The top floor: they know every stage, and nothing depends on them. */
  static final String[] TOP = {"app", "cli", "demo"};

  static String[] packages(String... names) {
    return Arrays.stream(names).map(n -> "org.winbackhub." + n + "..").toArray(String[]::new);
  }

  @Test
  void the_rules_see_every_floor_of_the_code() {
    // an empty import would make every rule below pass without checking anything
    for (String pkg :
        new String[] {
          "model",
          "store",
          "config",
          "tracking",
          "signature",
          "http.camel",
          "offer",
          "intake",
          "intake.camel",
          "intake.loyalty",
          "intake.loyalty.camel",
          "intake.sql",
          "intake.sql.camel",
          "intake.salesforce",
          "intake.salesforce.camel",
          "intake.shop",
          "intake.shop.camel",
          "segment",
          "segment.classify",
          "segment.predict",
          "journey",
          "channel",
          "channel.email",
          "channel.email.smtp",
          "channel.personal",
          "channel.sms",
          "channel.sms.camel",
          "channel.sms.twilio",
          "channel.sms.twilio.camel",
          "channel.sms.kannel",
          "channel.sms.kannel.camel",
          "channel.sms.httpjson",
          "channel.sms.httpjson.camel",
          "channel.email.smtp.camel",
          "channel.email.sendgrid",
          "channel.email.sendgrid.camel",
          "feedback.camel",
          "channel.sms.smpp",
          "channel.sms.smpp.camel",
          "feedback",
          "report",
          "app",
          "cli",
          "demo"
        }) {
      Assertions.assertThat(
              HUB.that(JavaClass.Predicates.resideInAPackage("org.winbackhub." + pkg)))
          .as("classes in %s", pkg)
          .isNotEmpty();
    }
  }

  @Test
  void the_benchmarks_are_not_part_of_the_product() {
    // they live in src/bench/java (the Maven profile bench); PackagedJarContentsIT checks the jar
    Assertions.assertThat(HUB.that(resideInAPackage("org.winbackhub.bench.."))).isEmpty();
  }

  @Test
  void stages_never_import_each_other() {
    for (String stage : STAGES) {
      String[] others =
          packages(Arrays.stream(STAGES).filter(o -> !o.equals(stage)).toArray(String[]::new));
      noClasses()
          .that()
          .resideInAPackage("org.winbackhub." + stage + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .because("stages meet in the store, never sideways")
          .check(HUB);
    }
  }

  @Test
  void packages_have_no_cycles() {
    // (**): every package is a slice of its own, so intake.shop and intake.shop.camel are checked
    // too
    slices().matching("org.winbackhub.(**)").should().beFreeOfCycles().check(HUB);
  }

  @Test
  void the_model_depends_on_nothing_of_ours() {
    noClasses()
        .that()
        .resideInAPackage("org.winbackhub.model..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.winbackhub..")
                .and(resideOutsideOfPackage("org.winbackhub.model..")))
        .check(HUB);
  }

  @Test
  void the_store_and_the_kernels_use_only_the_model() {
    String[] below =
        Arrays.stream(new String[][] {{"store"}, KERNELS})
            .flatMap(Arrays::stream)
            .toArray(String[]::new);
    String[] above =
        Arrays.stream(new String[][] {STAGES, TOP}).flatMap(Arrays::stream).toArray(String[]::new);
    noClasses()
        .that()
        .resideInAnyPackage(packages(below))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages(above))
        .check(HUB);
    noClasses()
        .that()
        .resideInAPackage("org.winbackhub.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages(KERNELS))
        .check(HUB);
  }

  @Test
  void camel_only_in_adapters_and_on_the_top_floor() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "..camel..", "org.winbackhub.app..", "org.winbackhub.cli..", "org.winbackhub.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.camel..")
        .because("a rule is plain Java; Camel sits in its camel/ adapter, or in app, cli, demo")
        .check(HUB);
  }

  @Test
  void plain_rules_never_lean_on_an_adapter() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "..camel..", "org.winbackhub.app..", "org.winbackhub.cli..", "org.winbackhub.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.winbackhub..camel..")
        .check(HUB);
  }

  @Test
  void nothing_depends_on_the_top_floor() {
    noClasses()
        .that()
        .resideOutsideOfPackages(packages(TOP))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages(TOP))
        .check(HUB);
    noClasses()
        .that()
        .resideInAPackage("org.winbackhub.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages("cli", "demo"))
        .because("the application does not know its commands: a command passes in what it needs")
        .check(HUB);
    noClasses()
        .that()
        .resideInAPackage("org.winbackhub.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages("cli"))
        .check(HUB);
  }

  @Test
  void greenmail_only_in_the_demo() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.winbackhub.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.icegreen..")
        .check(HUB);
  }
}
