package io.deskbridge.web;

import io.deskbridge.connector.InboundPreview;
import io.deskbridge.partner.Caller;
import io.deskbridge.partner.ConnectorRuntime;
import io.deskbridge.partner.Partner;
import io.deskbridge.partner.PartnerDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/mail/preview} (ops): what the gateway would make of one raw message, read by
 * the mailbox of the given email partner (or of the first email partner), without storing it.
 */
@RestController
@RequestMapping("/api/v1/mail")
public class MailPreviewController {

  private final PartnerDirectory partners;
  private final ConnectorRuntime connectors;
  private final RequestBodies bodies;

  public MailPreviewController(
      PartnerDirectory partners, ConnectorRuntime connectors, RequestBodies bodies) {
    this.partners = partners;
    this.connectors = connectors;
    this.bodies = bodies;
  }

  @PostMapping("/preview")
  public Map<String, Object> preview(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @RequestParam(required = false) String partner,
      HttpServletRequest request)
      throws IOException {
    StaffOnly.ops(caller);
    Partner reader =
        (partner == null
                ? partners.all().stream().filter(p -> p.connector().equals("email")).findFirst()
                : partners.find(partner))
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        partner == null
                            ? "no email partner is configured"
                            : "no partner '" + partner + "'"));
    if (!(connectors.connectorFor(reader.id()).orElse(null) instanceof InboundPreview preview)) {
      throw ApiProblem.badRequest(
          "partner", "partner '" + reader.id() + "' does not read mail, or is not running");
    }
    byte[] raw = bodies.read(request);
    if (raw.length == 0) {
      throw ApiProblem.badRequest("body", "send the raw message (.eml) as the request body");
    }
    return preview.preview(raw);
  }
}
