package io.deskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferencesTest {

  @TempDir Path dir;

  @Test
  void environmentReferenceResolvesToTheVariable() {
    // Given an environment with ACME_KEY set
    SecretReferences secrets = new SecretReferences(Map.of("ACME_KEY", "s3cr3t"));

    // When ${ACME_KEY} is resolved
    String secret = secrets.resolve("${ACME_KEY}");

    // Then the variable's value comes back
    assertThat(secret).isEqualTo("s3cr3t");
  }

  @Test
  void unsetVariableIsNamedInTheError() {
    // Given an environment without ACME_KEY
    SecretReferences secrets = new SecretReferences(Map.of("OTHER", "x"));

    // When ${ACME_KEY} is resolved
    // Then the error names the variable
    assertThatThrownBy(() -> secrets.resolve("${ACME_KEY}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ACME_KEY")
        .hasMessageContaining("not set");
  }

  @Test
  void fileReferenceReadsTheFileWithoutItsTrailingNewline() throws IOException {
    // Given a secret file ending with a newline, as editors write them
    Path key = Files.writeString(dir.resolve("acme.key"), "from-a-file\n", StandardCharsets.UTF_8);

    // When file:<path> is resolved
    String secret = new SecretReferences(Map.of()).resolve("file:" + key);

    // Then the file's content without the newline comes back
    assertThat(secret).isEqualTo("from-a-file");
  }

  @Test
  void missingSecretFileIsNamedInTheError() {
    // Given a reference to a file that does not exist
    Path absent = dir.resolve("absent.key");

    // When it is resolved
    // Then the error names the file
    assertThatThrownBy(() -> new SecretReferences(Map.of()).resolve("file:" + absent))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(absent.toString());
  }

  @Test
  void inlineSecretIsRefusedWithoutEchoingIt() {
    // Given a secret written inline instead of referenced
    SecretReferences secrets = new SecretReferences(Map.of());

    // When it is resolved
    // Then it is refused, and the message does not repeat the secret
    assertThatThrownBy(() -> secrets.resolve("hunter2-inline"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${ENV_VAR}")
        .hasMessageNotContaining("hunter2-inline");
  }
}
