package io.jobdeck.jobs;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** Where a job's pages are, relative to the application's root: {@code jobs/{group}/{name}}, each part encoded. */
public final class JobPaths {

    private JobPaths() {}

    /** The job's page. */
    public static String page(String group, String name) {
        return "jobs/" + UriUtils.encodePathSegment(group, StandardCharsets.UTF_8) + "/"
                + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
    }

    /** A page below the job's own, such as {@code edit}. */
    public static String page(String group, String name, String below) {
        return page(group, name) + "/" + below;
    }
}
