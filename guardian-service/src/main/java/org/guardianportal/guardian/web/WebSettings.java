package org.guardianportal.guardian.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** @param maxRequestSize largest request body accepted (a 20,000-row import is about 2 MB); larger → 413 */
@Validated
@ConfigurationProperties("guardian.web")
public record WebSettings(@DefaultValue("5MB") @NotNull DataSize maxRequestSize) {
}
