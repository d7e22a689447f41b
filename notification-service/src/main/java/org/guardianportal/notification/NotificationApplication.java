package org.guardianportal.notification;

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
public class NotificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }

    /** A body over {@code notification.max-request-size} is refused with 413. */
    @Bean
    RequestSizeLimitFilter requestSizeLimit(NotificationSettings settings, JsonMapper json) {
        return new RequestSizeLimitFilter(settings.maxRequestSize(), json);
    }
}
