package org.guardianportal.guardian;

import java.time.Clock;

import org.guardianportal.guardian.web.WebSettings;
import org.guardianportal.web.RequestLanguages;
import org.guardianportal.web.RequestSizeLimitFilter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.json.JsonMapper;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(RequestLanguages.class)
public class GuardianApplication {

    public static void main(String[] args) {
        SpringApplication.run(GuardianApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A body over {@code guardian.web.max-request-size} is refused with 413. */
    @Bean
    RequestSizeLimitFilter requestSizeLimit(WebSettings settings, JsonMapper json) {
        return new RequestSizeLimitFilter(settings.maxRequestSize(), json);
    }
}
