package io.deskbridge;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the features of the gateway apart: the connector SPI and its kinds stay free of Spring and
 * of the core, kinds never know each other, features form no cycles, and the canonical model stands
 * alone.
 */
@AnalyzeClasses(packages = "io.deskbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String CONNECTOR = "io.deskbridge.connector..";
  private static final String TICKET = "io.deskbridge.ticket..";
  private static final String EMAIL = "io.deskbridge.connector.email..";
  private static final String REST = "io.deskbridge.connector.rest..";
  private static final String CSV = "io.deskbridge.connector.csv..";

  /** A connector kind is written against the SPI and the canonical model only. */
  @ArchTest
  static final ArchRule connectorsDependOnlyOnTheSpiTheModelAndTheJdk =
      classes()
          .that()
          .resideInAPackage(CONNECTOR)
          .and()
          .resideOutsideOfPackage(EMAIL)
          .and()
          .resideOutsideOfPackage(REST)
          .and()
          .resideOutsideOfPackage(CSV)
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage("java..", CONNECTOR, TICKET, "org.slf4j..", "org.apache.camel.."))
          .because(
              "a connector kind must be writable without Spring or the gateway core; Camel and"
                  + " SLF4J are what kinds build routes and log with");

  /** The email kind may also use Jakarta Mail and the readers of the formats mail comes in. */
  @ArchTest
  static final ArchRule emailConnectorAddsOnlyItsMailFormatReaders =
      classes()
          .that()
          .resideInAPackage(EMAIL)
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage(
                  "java..",
                  CONNECTOR,
                  TICKET,
                  "org.slf4j..",
                  "org.apache.camel..",
                  "jakarta.mail..",
                  "jakarta.activation..",
                  "org.eclipse.angus.mail..",
                  "org.apache.james.mime4j..",
                  "org.jsoup..",
                  "org.apache.poi.."))
          .because(
              "talking IMAP and SMTP, and reading MIME, HTML and Outlook's TNEF, is the email kind's"
                  + " job, done with Jakarta Mail, mime4j, jsoup and POI rather than by hand");

  /**
   * The rest kind may also use Apache HttpClient 5, Jackson, and the JDK's javax.crypto to sign
   * what it sends.
   */
  @ArchTest
  static final ArchRule restConnectorAddsOnlyHttpClientAndJson =
      classes()
          .that()
          .resideInAPackage(REST)
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage(
                  "java..",
                  CONNECTOR,
                  TICKET,
                  "org.slf4j..",
                  "org.apache.camel..",
                  "javax.crypto..",
                  "org.apache.hc..",
                  "com.fasterxml.jackson.."))
          .because(
              "calling a partner's HTTP API and reading its JSON answers is the rest kind's job,"
                  + " done with Apache HttpClient 5 and Jackson rather than by hand");

  /** The csv kind may also use Commons CSV, and Jackson to keep a rejected row for replay. */
  @ArchTest
  static final ArchRule csvConnectorAddsOnlyCommonsCsv =
      classes()
          .that()
          .resideInAPackage(CSV)
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage(
                  "java..",
                  CONNECTOR,
                  TICKET,
                  "org.slf4j..",
                  "org.apache.camel..",
                  "org.apache.commons.csv..",
                  "com.fasterxml.jackson.."))
          .because(
              "reading and writing the partner's CSV dialect is the csv kind's job, done with Commons"
                  + " CSV rather than by hand");

  /** Stated on its own so that a Spring import in a connector fails with a message that says so. */
  @ArchTest
  static final ArchRule connectorsDoNotUseSpring =
      noClasses()
          .that()
          .resideInAPackage(CONNECTOR)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework..")
          .because("the connector SPI is plain Java; kinds are collected into a registry by id");

  /** Kinds may not share code directly: what two kinds need in common belongs in the SPI. */
  @ArchTest
  static final ArchRule connectorKindsDoNotKnowEachOther =
      slices()
          .matching("io.deskbridge.connector.(*)..")
          .namingSlices("connector kind '$1'")
          .should()
          .notDependOnEachOther()
          .because("one connector kind, one package; it never knows another kind");

  /** The core drives connectors through the SPI; a kind never reaches back into it. */
  @ArchTest
  static final ArchRule connectorKindsDoNotReachIntoTheCore =
      noClasses()
          .that(resideInAPackage(CONNECTOR).and(not(resideInAPackage("io.deskbridge.connector"))))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.deskbridge.intake..",
              "io.deskbridge.outbox..",
              "io.deskbridge.partner..",
              "io.deskbridge.web..",
              "io.deskbridge.routing..",
              "io.deskbridge.queue..",
              "io.deskbridge.config..")
          .because("retries, ordering, idempotency and configuration live in the core");

  @ArchTest
  static final ArchRule featuresAreFreeOfCycles =
      slices()
          .matching("io.deskbridge.(*)..")
          .namingSlices("feature '$1'")
          .should()
          .beFreeOfCycles();

  /** Every feature speaks the canonical model, so the model may depend on none of them. */
  @ArchTest
  static final ArchRule ticketModelDependsOnNoOtherFeature =
      classes()
          .that()
          .resideInAPackage(TICKET)
          .should()
          .onlyDependOnClassesThat(
              resideOutsideOfPackage("io.deskbridge..").or(resideInAPackage(TICKET)))
          .because("the canonical model and its store are the bottom layer of the gateway");
}
