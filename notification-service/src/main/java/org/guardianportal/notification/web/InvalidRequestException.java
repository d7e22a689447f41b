package org.guardianportal.notification.web;

import java.util.List;

/** A request refused for its content: each problem names the parameter or field and says what is wrong. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String describe(List<FieldProblem> problems) {
        if (problems.size() == 1) {
            FieldProblem only = problems.get(0);
            return "Invalid " + only.field() + ": " + only.message();
        }
        return problems.size() + " invalid values: see errors";
    }

    /** One wrong parameter or field, written {@code {field, message}} in the problem. */
    public record FieldProblem(String field, String message) {
    }
}
