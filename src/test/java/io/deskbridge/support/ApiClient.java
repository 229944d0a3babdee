package io.deskbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A caller of the gateway's HTTP API with one bearer token, as a partner's or agent's script would
 * be.
 */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;
  private final String token;

  public ApiClient(int port, String token) {
    this.base = "http://localhost:" + port;
    this.token = token;
  }

  /** An answer of the API: status, content type and body. */
  public record Answer(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Answer get(String path) {
    return send("GET", path, null, List.of());
  }

  public Answer post(String path, String json, String... headers) {
    return send("POST", path, json, List.of(headers));
  }

  public Answer patch(String path, String json, String... headers) {
    return send("PATCH", path, json, List.of(headers));
  }

  public Answer send(String method, String path, String json, List<String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    List<String> all = new ArrayList<>(headers);
    if (token != null) {
      all.add("Authorization");
      all.add("Bearer " + token);
    }
    if (json != null) {
      all.add("Content-Type");
      all.add("application/json");
    }
    for (int i = 0; i + 1 < all.size(); i += 2) {
      request.header(all.get(i), all.get(i + 1));
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
