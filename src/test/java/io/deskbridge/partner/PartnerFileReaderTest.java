package io.deskbridge.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.config.ConfigCase;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.config.SecretReferences;
import io.deskbridge.connector.ConnectorKinds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerFileReaderTest {

  @TempDir Path dir;

  private final List<ConfigProblem> problems = new ArrayList<>();

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("acme-fire.yml"), text, StandardCharsets.UTF_8);
  }

  private Optional<Partner> read(Path file, Map<String, String> environment) {
    return new PartnerFileReader(ConnectorKinds.discover(), new SecretReferences(environment))
        .read(file, problems)
        .map(PartnerFileReader.Read::partner);
  }

  private Optional<Partner> read(Path file) {
    return read(file, Map.of());
  }

  private static Credentials credentialsOf(Partner partner) {
    return new Credentials(new PartnerDirectory(List.of(partner)), List.of(), Map.of());
  }

  private ConfigProblem onlyProblem() {
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void validPartnerFileGivesThePartnerAndWhereItsIdStands() throws IOException {
    // Given a REST partner file with a mapping and one key hash
    Path file =
        file(ConfigCase.ACME.replace("name: ACME Fire\n", "name: ACME Fire\nmapping: acme\n"));

    // When it is read
    var read =
        new PartnerFileReader(ConnectorKinds.discover(), new SecretReferences(Map.of()))
            .read(file, problems);

    // Then the partner carries every field and its id's location
    assertThat(problems).isEmpty();
    assertThat(read)
        .get()
        .satisfies(
            r -> {
              assertThat(r.partner())
                  .extracting(
                      Partner::id,
                      Partner::name,
                      Partner::connector,
                      Partner::mapping,
                      Partner::file)
                  .containsExactly("acme-fire", "ACME Fire", "rest", "acme", file);
              assertThat(r.idLine()).isEqualTo(1);
              assertThat(r.idColumn()).isEqualTo(5);
            });
  }

  @Test
  void unknownConnectorKindIsReportedAtItsLineWithKnownKindsAndASuggestion() throws IOException {
    // Given a partner file whose third line has a typo in the connector kind
    Path file =
        file(
            """
            id: acme-fire
            name: ACME Fire
            connector: rets
            """);

    // When it is read
    Optional<Partner> partner = read(file);

    // Then it is refused at line 3, column 12 (the value), naming the known kinds and 'rest'
    assertThat(partner).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(
            ConfigProblem::file, ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(file, 3, 12, "connector");
    assertThat(problem.message())
        .contains("unknown connector kind 'rets'")
        .contains("did you mean 'rest'?")
        .contains("known kinds: csv, email, rest");
  }

  @Test
  void unknownConnectorKindFarFromEveryKnownOneGetsNoSuggestion() throws IOException {
    // Given a partner file naming a kind nothing resembles
    Path file = file("id: acme-fire\nconnector: servicenow\n");

    // When it is read
    read(file);

    // Then the known kinds are listed without a guess
    assertThat(onlyProblem().message())
        .contains("unknown connector kind 'servicenow'")
        .contains("known kinds: csv, email, rest")
        .doesNotContain("did you mean");
  }

  @Test
  void unknownKeyIsReportedAtItsLineWithASuggestion() throws IOException {
    // Given a partner file that misspells 'connector' on line 3
    Path file =
        file(
            """
            id: acme-fire
            name: ACME Fire
            conector: rest
            """);

    // When it is read
    Optional<Partner> partner = read(file);

    // Then the misspelt key is reported at its own line and column, suggesting 'connector'
    assertThat(partner).isEmpty();
    assertThat(problems)
        .filteredOn(p -> "conector".equals(p.field()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(ConfigProblem::file, ConfigProblem::line, ConfigProblem::column)
                  .containsExactly(file, 3, 1);
              assertThat(p.message()).contains("unknown key").contains("did you mean 'connector'?");
            });
  }

  @Test
  void manufacturerIsNotAPartnerId() throws IOException {
    // Given a partner file that takes the manufacturer's id
    Path file = file("id: manufacturer\nconnector: rest\n");

    // When it is read
    Optional<Partner> partner = read(file);

    // Then the id is refused at its line
    assertThat(partner).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(1, 5, "id");
    assertThat(problem.message()).contains("'manufacturer'").contains("not a partner");
  }

  @Test
  void idOfTheWrongShapeIsRefused() throws IOException {
    // Given a partner file whose id has capitals and a space
    Path file = file("id: ACME Fire\nconnector: rest\n");

    // When it is read
    Optional<Partner> partner = read(file);

    // Then the id is refused, saying what an id may contain
    assertThat(partner).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::field)
        .containsExactly(1, "id");
    assertThat(problem.message()).contains("'ACME Fire'").contains("lower-case");
  }

  @Test
  void missingIdIsRequired() throws IOException {
    // Given a partner file without an id
    Path file = file("name: ACME Fire\nconnector: rest\n");

    // When it is read
    read(file);

    // Then the id is reported as required
    assertThat(onlyProblem())
        .extracting(ConfigProblem::field, ConfigProblem::message)
        .containsExactly("id", "is required");
  }

  @Test
  void keyHashThatIsNotSixtyFourHexDigitsIsAProblemAtItsLine() throws IOException {
    // Given a key hash on line 5 that is too short
    Path file =
        file(
            """
            id: acme-fire
            connector: rest
            security:
              apiKeys:
                - sha256: abc123
            """);

    // When it is read
    Optional<Partner> partner = read(file);

    // Then the hash's own line and column are at fault
    assertThat(partner).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(
            ConfigProblem::file, ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(file, 5, 15, "security.apiKeys[0].sha256");
    assertThat(problem.message()).contains("64 hex digits");
  }

  @Test
  void keyHashOfSixtyFourCharactersThatAreNotHexIsRefused() throws IOException {
    // Given a 64-character hash with a letter outside hex
    String notHex = "g".repeat(64);
    Path file =
        file(
            "id: acme-fire\nconnector: rest\nsecurity:\n  apiKeys:\n    - sha256: "
                + notHex
                + "\n");

    // When it is read
    read(file);

    // Then it is refused at line 5
    assertThat(onlyProblem())
        .extracting(ConfigProblem::line, ConfigProblem::field)
        .containsExactly(5, "security.apiKeys[0].sha256");
  }

  @Test
  void secretReferenceToAnUnsetVariableNamesTheVariable() throws IOException {
    // Given a key given as ${ACME_API_KEY} and an environment without it
    Path file =
        file(
            """
            id: acme-fire
            connector: rest
            security:
              apiKeys:
                - secret: ${ACME_API_KEY}
            """);

    // When it is read
    Optional<Partner> partner = read(file, Map.of("OTHER_KEY", "x"));

    // Then the secret's line is at fault and the variable is named
    assertThat(partner).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(
            ConfigProblem::file, ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(file, 5, 15, "security.apiKeys[0].secret");
    assertThat(problem.message()).contains("ACME_API_KEY").contains("not set");
  }

  @Test
  void secretReferenceToASetVariableStoresItsHashAndAuthenticates() throws IOException {
    // Given a key given as ${ACME_API_KEY} and an environment that sets it
    Path file =
        file(
            "id: acme-fire\nconnector: rest\nsecurity:\n  apiKeys:\n    - secret: ${ACME_API_KEY}\n");

    // When it is read
    Partner partner = read(file, Map.of("ACME_API_KEY", "key-from-environment")).orElseThrow();

    // Then the key's hash is stored and the key authenticates the partner
    assertThat(partner.apiKeyHashes()).containsExactly(ApiKeys.hash("key-from-environment"));
    assertThat(credentialsOf(partner).authenticate("key-from-environment"))
        .contains(Caller.partner("acme-fire"));
  }

  @Test
  void secretReferenceToAFileIsResolvedAndAuthenticates() throws IOException {
    // Given the partner's key in a file outside the configuration, referenced as file:<path>
    Path keyFile =
        Files.writeString(dir.resolve("acme.key"), "key-from-a-file\n", StandardCharsets.UTF_8);
    Path file =
        file(
            "id: acme-fire\nconnector: rest\nsecurity:\n  apiKeys:\n    - secret: 'file:"
                + keyFile
                + "'\n");

    // When it is read
    Partner partner = read(file).orElseThrow();

    // Then the key from the file authenticates the partner
    assertThat(problems).isEmpty();
    assertThat(credentialsOf(partner).authenticate("key-from-a-file"))
        .contains(Caller.partner("acme-fire"));
  }

  @Test
  void inlineSecretIsRefusedWithoutRepeatingIt() throws IOException {
    // Given a key written inline where a reference belongs
    Path file =
        file("id: acme-fire\nconnector: rest\nsecurity:\n  apiKeys:\n    - secret: plain-key-42\n");

    // When it is read
    Optional<Partner> partner = read(file);

    // Then it is refused at its line, and the problem does not repeat the key
    assertThat(partner).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.message()).contains("${ENV_VAR}");
    assertThat(problem.toString()).doesNotContain("plain-key-42");
  }

  @Test
  void keyEntryWithBothHashAndSecretIsRefused() throws IOException {
    // Given a key entry on line 5 that gives both sha256 and secret
    Path file =
        file(
            """
            id: acme-fire
            connector: rest
            security:
              apiKeys:
                - sha256: 1a910e16eb970415013bb4b0655297e67a635f4cdcbaa5d7d407866c558f7dbe
                  secret: ${ACME_API_KEY}
            """);

    // When it is read
    read(file, Map.of("ACME_API_KEY", "x"));

    // Then the entry is at fault, saying to give one of them
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(5, 7, "security.apiKeys[0]");
    assertThat(problem.message()).contains("either sha256").contains("or secret");
  }

  @Test
  void keyHashIsWhatIsStoredAndThePlainKeyAuthenticatesThePartner() throws IOException {
    // Given the test partner file, which holds the SHA-256 of ACME_KEY
    Path file = file(ConfigCase.ACME);

    // When it is read
    Partner partner = read(file).orElseThrow();

    // Then the stored hash is the key's SHA-256 and the plain key authenticates ACME
    assertThat(partner.apiKeyHashes()).containsExactly(ApiKeys.hash(ConfigCase.ACME_KEY));
    assertThat(credentialsOf(partner).authenticate(ConfigCase.ACME_KEY))
        .contains(Caller.partner("acme-fire"));
  }

  @Test
  void upperCaseKeyHashIsAcceptedAsTheSameHash() throws IOException {
    // Given the key hash written in upper case
    Path file = file(ConfigCase.ACME.replace("1a910e16eb97", "1A910E16EB97"));

    // When it is read
    Partner partner = read(file).orElseThrow();

    // Then the plain key still authenticates the partner
    assertThat(credentialsOf(partner).authenticate(ConfigCase.ACME_KEY))
        .contains(Caller.partner("acme-fire"));
  }

  @Test
  void wrongKeyAuthenticatesNobody() throws IOException {
    // Given the test partner
    Partner partner = read(file(ConfigCase.ACME)).orElseThrow();
    Credentials credentials = credentialsOf(partner);

    // When a different key, the stored hash itself, or nothing is presented
    // Then nobody is authenticated
    assertThat(credentials.authenticate(ConfigCase.ACME_KEY + "x")).isEmpty();
    assertThat(credentials.authenticate(ApiKeys.hashHex(ConfigCase.ACME_KEY))).isEmpty();
    assertThat(credentials.authenticate("")).isEmpty();
  }

  @Test
  void settingTheConnectorKindDoesNotTakeIsReportedAtItsLine() throws IOException {
    // Given a REST partner (which takes no settings) with a url setting on line 4
    Path file =
        file(
            """
            id: acme-fire
            connector: rest
            settings:
              url: https://acme.example
            """);

    // When it is read
    read(file);

    // Then the setting's line is at fault with its full field name
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(4, 8, "settings.url");
    assertThat(problem.message()).contains("unknown setting");
  }

  @Test
  void signingAndWebhookSettingsAreReadWithTheirSecretsResolved() throws IOException {
    // Given a partner that signs with a secret being rotated and posts webhooks signed by HMAC
    Path file =
        file(
            """
            id: acme-fire
            connector: rest
            security:
              signing:
                secrets: ["${SIGN_NEW}", "${SIGN_OLD}"]
              webhook:
                scheme: hmac
                prefix: "sha256="
                secret: ${HOOK}
                deliveryHeader: [X-Acme-Delivery]
            """);

    // When it is read
    Partner partner =
        read(
                file,
                Map.of("SIGN_NEW", "new-s3cret", "SIGN_OLD", "old-s3cret", "HOOK", "hook-s3cret"))
            .orElseThrow();

    // Then signing is required by default, and the webhook takes the usual header
    assertThat(problems).isEmpty();
    assertThat(partner.security().signing().required()).isTrue();
    assertThat(partner.security().signing().secrets())
        .containsExactly(
            "new-s3cret".getBytes(StandardCharsets.UTF_8),
            "old-s3cret".getBytes(StandardCharsets.UTF_8));
    PartnerSecurity.Webhook webhook = partner.security().webhook();
    assertThat(webhook.scheme()).isEqualTo(PartnerSecurity.Scheme.HMAC);
    assertThat(webhook.header()).isEqualTo("X-Hub-Signature-256");
    assertThat(webhook.prefix()).isEqualTo("sha256=");
    assertThat(webhook.deliveryHeaders()).containsExactly("X-Acme-Delivery");
    assertThat(partner.security().toString()).doesNotContain("s3cret");
  }

  @Test
  void everyProblemOfTheSigningAndWebhookBlocksIsReportedAtOnceWithItsLine() throws IOException {
    // Given an inline signing secret, a misspelt scheme and a key the scheme does not use
    Path file =
        file(
            """
            id: acme-fire
            connector: rest
            security:
              signing:
                secret: plain-signing-secret
                requierd: false
              webhook:
                scheme: hamc
                token: ${HOOK}
            """);

    // When it is read
    Optional<Partner> partner = read(file, Map.of("HOOK", "hook"));

    // Then each is reported at its line and field, with a suggestion where one fits
    assertThat(partner).isEmpty();
    assertThat(problems)
        .extracting(ConfigProblem::line, ConfigProblem::field)
        .contains(
            org.assertj.core.groups.Tuple.tuple(5, "security.signing.secret"),
            org.assertj.core.groups.Tuple.tuple(6, "security.signing.requierd"),
            org.assertj.core.groups.Tuple.tuple(8, "security.webhook.scheme"));
    assertThat(problems)
        .extracting(ConfigProblem::message)
        .anySatisfy(m -> assertThat(m).contains("did you mean 'required'?"));
    assertThat(problems)
        .extracting(ConfigProblem::message)
        .anySatisfy(m -> assertThat(m).contains("did you mean 'hmac'?"));
    assertThat(problems.toString()).doesNotContain("plain-signing-secret");
  }

  @Test
  void keyThatTheWebhookSchemeDoesNotUseIsReportedWithWhatItTakes() throws IOException {
    // Given a basic webhook that also gives a token
    Path file =
        file(
            """
            id: acme-fire
            connector: rest
            security:
              webhook:
                scheme: basic
                username: desk
                password: ${PASS}
                token: ${PASS}
            """);

    // When it is read
    Optional<Partner> partner = read(file, Map.of("PASS", "pass"));

    // Then the token is reported at its line, naming what basic takes
    assertThat(partner).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem.line()).isEqualTo(8);
    assertThat(problem.field()).isEqualTo("security.webhook.token");
    assertThat(problem.message()).contains("basic", "username, password");
  }

  @Test
  void webhookSchemeWithoutItsSecretIsReportedAsRequired() throws IOException {
    // Given a bearer webhook without its token
    Path file = file("id: acme-fire\nconnector: rest\nsecurity:\n  webhook:\n    scheme: bearer\n");

    // When it is read
    Optional<Partner> partner = read(file);

    // Then the missing token is named
    assertThat(partner).isEmpty();
    assertThat(onlyProblem().field()).isEqualTo("security.webhook.token");
    assertThat(onlyProblem().message()).contains("required");
  }
}
