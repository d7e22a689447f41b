package org.guardianportal.deadletters;

import java.util.Optional;

/**
 * How a service words its dead letters' reasons in the language a request asks for: a service that refuses records
 * with reasons it can word again (a code and values, sent as {@code dlt-reason-key}) declares one as a bean, and the
 * dead-letter API shows each reason in the request's language. Without one, or for a reason without a key, the
 * reason is shown as it was recorded, in English.
 */
public interface ReasonWording {

    /**
     * @param reasonKey      the reason as the service named it in the {@code dlt-reason-key} header
     * @param acceptLanguage the request's {@code Accept-Language} header, possibly null
     * @return the reason in that language, or empty when the key is not one the service knows
     */
    Optional<String> word(String reasonKey, String acceptLanguage);
}
