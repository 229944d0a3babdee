package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comment with files sent as {@code multipart/form-data}, as HTML forms and most HTTP libraries
 * send files: the files land on the ticket byte for byte, and a malformed form says which part is
 * wrong.
 */
class MultipartCommentTest {

  private static final String BOUNDARY = "----deskbridge-test-boundary";

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;
  static String acmeKey;
  static ApiClient acme;

  @BeforeAll
  static void start() {
    acmeKey = GatewayConfigFiles.standard(config).partner("acme", "rest");
    gateway = RunningGateway.start(config, data, Map.of());
    acme = gateway.as(acmeKey);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void filesOfAMultipartCommentLandOnTheTicketByteForByte() throws Exception {
    // Given a ticket and a binary log file
    String ref = TicketJourneyTest.create(acme, "MP-1");
    byte[] log = new byte[3000];
    for (int i = 0; i < log.length; i++) {
      log[i] = (byte) i;
    }

    // When the partner sends a comment with the file as a form
    HttpResponse<String> answer =
        postForm(
            ref,
            part("comment", null, "application/json", bytes("{\"text\": \"Event log attached\"}")),
            part("file", "panel-log.bin", "application/octet-stream", log));

    // Then the comment has the file, and its bytes come back unchanged
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    JsonNode comment = lastComment(ref);
    assertThat(comment.get("text").asText()).isEqualTo("Event log attached");
    JsonNode file = comment.get("attachments").get(0);
    assertThat(file.get("name").asText()).isEqualTo("panel-log.bin");
    assertThat(file.get("size").asLong()).isEqualTo(3000);
    HttpResponse<byte[]> content =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:" + gateway.port() + file.get("href").asText()))
                    .header("Authorization", "Bearer " + acmeKey)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(content.body()).isEqualTo(log);
  }

  @Test
  void formWithoutTheCommentPartIsRefusedNamingIt() throws Exception {
    String ref = TicketJourneyTest.create(acme, "MP-2");

    HttpResponse<String> answer = postForm(ref, part("file", "a.txt", "text/plain", bytes("x")));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"field\":\"comment\"").contains("part named 'comment'");
  }

  @Test
  void partThatIsNeitherCommentNorFileIsRefusedNamingIt() throws Exception {
    String ref = TicketJourneyTest.create(acme, "MP-3");

    HttpResponse<String> answer =
        postForm(
            ref,
            part("comment", null, "application/json", bytes("{\"text\": \"x\"}")),
            part("note", null, "text/plain", bytes("stray")));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"field\":\"note\"");
    assertThat(lastComment(ref)).isNull();
  }

  private static JsonNode lastComment(String ref) {
    JsonNode comments = acme.get("/api/v1/tickets/" + ref).json().get("comments");
    return comments.isEmpty() ? null : comments.get(comments.size() - 1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] part(String name, String filename, String type, byte[] content)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"")
                + "\r\nContent-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.write(content);
    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static HttpResponse<String> postForm(String ref, byte[]... parts) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      body.write(part);
    }
    body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + gateway.port()
                            + "/api/v1/tickets/"
                            + ref
                            + "/comments"))
                .header("Authorization", "Bearer " + acmeKey)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
