package org.guardianportal.credential;

import java.time.Clock;

import org.guardianportal.web.RequestLanguages;
import org.guardianportal.web.RequestSizeLimitFilter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import tools.jackson.databind.json.JsonMapper;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(RequestLanguages.class)
public class CredentialApplication {

    public static void main(String[] args) {
        SpringApplication.run(CredentialApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A body over {@code credential.max-request-size} is refused with 413. */
    @Bean
    RequestSizeLimitFilter requestSizeLimit(CredentialSettings settings, JsonMapper json) {
        return new RequestSizeLimitFilter(settings.maxRequestSize(), json);
    }
}
