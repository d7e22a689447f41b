package org.guardianportal.credential.web;

import org.guardianportal.web.BrokenRule;
import org.guardianportal.web.InvalidRequestException;
/** A page of a list, as asked by {@code page} and {@code size}: {@code page} from 0, {@code size} 1 to 500. */
public record PageQuery(int page, int size) {

    public static final int MAX_SIZE = 500;

    public PageQuery {
        if (page < 0) {
            throw new InvalidRequestException(new BrokenRule("page", "page.negative"));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException(new BrokenRule("size", "page.size", MAX_SIZE));
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
