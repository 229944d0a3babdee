package io.deskbridge.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Serves the OpenAPI document of {@code /api/v1}, written by hand in {@code
 * openapi/deskbridge-api.yaml} so that it says what the API promises, not only what its code
 * happens to declare; a test holds it to every route the gateway has.
 */
@RestController
public class OpenApiController {

  private static final String DOCUMENT = "/openapi/deskbridge-api.yaml";

  private final Map<String, Object> document = load();

  @GetMapping({"/api/v1/openapi.json", "/v3/api-docs"})
  public Map<String, Object> document() {
    return document;
  }

  private static Map<String, Object> load() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the build");
      }
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
