package org.guardianportal.guardian.emailimport;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param maxRows rows accepted in one import (SPEC: 20,000); more → 413 and nothing applied */
@Validated
@ConfigurationProperties("guardian.email-import")
public record EmailImportSettings(@DefaultValue("20000") @Min(1) int maxRows) {
}
