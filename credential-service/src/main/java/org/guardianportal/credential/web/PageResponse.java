package org.guardianportal.credential.web;

import java.util.List;

/** A page of a list: {@code {items, page, size, total}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static <T> PageResponse<T> of(List<T> items, PageQuery request, long total) {
        return new PageResponse<>(items, request.page(), request.size(), total);
    }
}
