package org.guardianportal.guardian.web;

import org.guardianportal.guardian.guardian.Reason;

/** Page and size of a list request: page from 0, size 1 to {@value #MAX_SIZE} (50 when not given). */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new InvalidRequestException("page", Reason.of("PAGE_NEGATIVE"));
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidRequestException("size", Reason.of("PAGE_SIZE", MAX_SIZE));
        }
        return new Paging(p, s);
    }
}
