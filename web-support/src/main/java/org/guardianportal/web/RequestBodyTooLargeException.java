package org.guardianportal.web;

import java.io.IOException;
import java.util.Locale;

/**
 * Thrown while reading a body that goes past the limit; an IOException, so that body readers pass it on inside
 * their own failure (Spring's HttpMessageNotReadableException), where a service's problem advice finds it and
 * answers {@link #detail(Locale)}.
 */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super(detail(limit, Locale.ENGLISH));
        this.limit = limit;
    }

    /** "The request body is larger than the 5 MB accepted.", in French for French, in English otherwise. */
    public String detail(Locale locale) {
        return detail(limit, locale);
    }

    static String detail(long limit, Locale locale) {
        boolean french = Locale.FRENCH.getLanguage().equals(locale.getLanguage());
        String size = limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + (french ? " Mo" : " MB")
                : limit % 1024 == 0 ? limit / 1024 + (french ? " Ko" : " KB")
                : limit + (french ? " octets" : " bytes");
        return french ? "Le corps de la demande dépasse les " + size + " acceptés."
                : "The request body is larger than the " + size + " accepted.";
    }
}
