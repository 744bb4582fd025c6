package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Assertions on RFC 9457 problem responses of the admin surfaces (CONTRACT §5). */
public final class Problems {
    private Problems() {}

    /** Asserts status, media type and the four members of RFC 9457 §3.1; returns the problem object. */
    public static Map<String, Object> expectProblem(Http.Response r, int status) {
        r.expectStatus(status);
        assertThat(r.header("Content-Type")).as("Content-Type of %s", r.body()).startsWith("application/problem+json");
        Map<String, Object> problem = r.json();
        assertThat(problem).as("problem %s", r.body()).containsKeys("type", "title", "status", "detail");
        assertThat(problem.get("type")).isInstanceOf(String.class);
        assertThat((String) problem.get("type")).isNotBlank();
        assertThat(problem.get("title")).isInstanceOf(String.class);
        assertThat(((Number) problem.get("status")).intValue()).isEqualTo(status);
        assertThat(problem.get("detail")).isInstanceOf(String.class);
        assertThat((String) problem.get("detail")).isNotBlank();
        return problem;
    }
}
