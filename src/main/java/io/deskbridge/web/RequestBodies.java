package io.deskbridge.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Reads request bodies with a size limit and parses them strictly: unknown fields, wrong types and
 * malformed JSON are refused with the JSON path (or line and column) at fault.
 */
public class RequestBodies {

  private final long maxBytes;
  private final ObjectMapper strict;
  private final ObjectMapper lenient = new ObjectMapper();

  public RequestBodies(long maxBytes) {
    this.maxBytes = maxBytes;
    this.strict =
        JsonMapper.builder()
            .findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // Text fields take text only: a number or boolean where text belongs is a client error, not
    // "5".
    for (CoercionInputShape shape :
        new CoercionInputShape[] {
          CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
      strict.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
  }

  /** The raw body, or a 413 problem naming the limit when it is larger. */
  public byte[] read(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge();
        }
        body.write(buffer, 0, n);
      }
      return body.toByteArray();
    }
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "body-too-large",
        null,
        "the request body is larger than the limit of " + maxBytes + " bytes");
  }

  /** Parses a JSON body into {@code type}, naming the field at fault when it does not fit. */
  public <T> T parse(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw ApiProblem.badRequest(null, "a JSON body is required");
    }
    try {
      T value = strict.readValue(body, type);
      if (value == null) {
        throw ApiProblem.badRequest(null, "the body must be a JSON object, not null");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      String field = path(e);
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : "; known fields: "
                  + e.getKnownPropertyIds().stream()
                      .map(String::valueOf)
                      .sorted()
                      .collect(Collectors.joining(", "));
      throw ApiProblem.badRequest(field, "unknown field '" + field + "'" + known);
    } catch (InvalidFormatException e) {
      String field = path(e);
      Class<?> target = e.getTargetType();
      String detail =
          target != null && target.isEnum()
              ? "field '" + field + "': '" + e.getValue() + "' is not valid; " + describe(target)
              : "field '"
                  + field
                  + "' must be "
                  + (target == null ? "another type" : describe(target))
                  + ", not "
                  + e.getValue();
      throw ApiProblem.badRequest(field, detail);
    } catch (MismatchedInputException e) {
      String field = path(e);
      String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
      throw ApiProblem.badRequest(
          field.isEmpty() ? null : field,
          (field.isEmpty() ? "the body" : "field '" + field + "'") + " must be " + expected);
    } catch (JsonParseException e) {
      throw malformed(e);
    } catch (JsonMappingException e) {
      String field = path(e);
      throw ApiProblem.badRequest(field, "field '" + field + "': " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest(null, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiProblem.badRequest(null, "unreadable body: " + e.getMessage());
    }
  }

  /**
   * Parses a body that must be a JSON object in the sender's own shape (for its mapping to read).
   */
  @SuppressWarnings("unchecked")
  public java.util.Map<String, Object> parseObject(byte[] body) {
    if (body.length == 0) {
      throw ApiProblem.badRequest(null, "a JSON body is required");
    }
    try {
      Object value = lenient.readValue(body, Object.class);
      if (!(value instanceof java.util.Map<?, ?>)) {
        throw ApiProblem.badRequest(null, "the body must be a JSON object");
      }
      return (java.util.Map<String, Object>) value;
    } catch (JsonParseException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw ApiProblem.badRequest(null, "unreadable body: " + e.getMessage());
    }
  }

  private static ApiProblem malformed(JsonParseException e) {
    JsonLocation at = e.getLocation();
    return ApiProblem.badRequest(
        null,
        "malformed JSON at line "
            + at.getLineNr()
            + ", column "
            + at.getColumnNr()
            + ": "
            + e.getOriginalMessage());
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "text";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a " + type.getSimpleName();
  }

  /** The JSON path of the failure, such as {@code product.model} or {@code attachments[0].name}. */
  static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
