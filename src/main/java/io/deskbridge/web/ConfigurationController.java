package io.deskbridge.web;

import io.deskbridge.partner.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/config}: for ops, which configuration version is in force and what is wrong with
 * the files on disk, and a reload on request (files are also picked up on their own).
 */
@RestController
@RequestMapping("/api/v1/config")
public class ConfigurationController {

  private final ConfigurationControl control;

  public ConfigurationController(ConfigurationControl control) {
    this.control = control;
  }

  @GetMapping
  public ConfigurationControl.Status status(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller) {
    StaffOnly.ops(caller);
    return control.status();
  }

  @PostMapping("/reload")
  public ConfigurationControl.Status reload(
      @RequestAttribute(ApiAuthentication.CALLER) Caller caller) {
    StaffOnly.ops(caller);
    return control.reload();
  }
}
