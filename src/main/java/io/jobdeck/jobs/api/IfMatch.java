package io.jobdeck.jobs.api;

import io.jobdeck.api.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** An update's {@code If-Match}: the version it was read at, required (428 without it). */
final class IfMatch {

    private IfMatch() {}

    /** The version {@code ifMatch} names (its first entity tag, quotes and weakness dropped); {@code readAt} says where to get one. */
    static String version(@Nullable String ifMatch, String readAt) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblem(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag it was read with (GET " + readAt + ")");
        }
        String tag = ifMatch.split(",", 2)[0].strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
                ? tag.substring(1, tag.length() - 1)
                : tag;
    }
}
