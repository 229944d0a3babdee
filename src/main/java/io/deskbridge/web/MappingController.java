package io.deskbridge.web;

import io.deskbridge.mapping.Mapping;
import io.deskbridge.partner.Caller;
import io.deskbridge.partner.Partner;
import io.deskbridge.partner.PartnerDirectory;
import io.deskbridge.partner.PartnerMappings;
import io.deskbridge.routing.Router;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/mappings}: for ops, the mappings in force and a dry run of one on a sample record.
 */
@RestController
@RequestMapping("/api/v1/mappings")
public class MappingController {

  /** A mapping in force and the partners that use it. */
  public record MappingSummary(String name, String file, List<String> partners) {}

  private final PartnerMappings mappings;
  private final PartnerDirectory partners;
  private final Router router;
  private final RequestBodies bodies;

  public MappingController(
      PartnerMappings mappings, PartnerDirectory partners, Router router, RequestBodies bodies) {
    this.mappings = mappings;
    this.partners = partners;
    this.router = router;
    this.bodies = bodies;
  }

  @GetMapping
  public List<MappingSummary> list(@RequestAttribute(ApiAuthentication.CALLER) Caller caller) {
    StaffOnly.ops(caller);
    return mappings.all().values().stream()
        .sorted(java.util.Comparator.comparing(Mapping::name))
        .map(m -> new MappingSummary(m.name(), String.valueOf(m.file()), users(m.name())))
        .toList();
  }

  @PostMapping("/{name}/preview")
  public MappingPreview.Result preview(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller,
      @PathVariable String name,
      @RequestParam(required = false) String partner,
      @RequestParam(defaultValue = "ticket") String kind,
      HttpServletRequest request)
      throws IOException {
    StaffOnly.ops(caller);
    Mapping mapping =
        mappings.find(name).orElseThrow(() -> ApiProblem.notFound("no mapping '" + name + "'"));
    if (!kind.equals("ticket") && !kind.equals("comment")) {
      throw ApiProblem.badRequest("kind", "kind must be ticket or comment");
    }
    Map<String, Object> record = bodies.parseObject(bodies.read(request));
    String partnerId =
        partner != null ? partner : users(name).stream().findFirst().orElse("preview");
    return MappingPreview.run(mapping, partnerId, kind, record, router.rules());
  }

  private List<String> users(String mapping) {
    return partners.all().stream()
        .filter(p -> mapping.equals(p.mapping()))
        .map(Partner::id)
        .toList();
  }
}
