package io.jobdeck.api.internal;

import io.jobdeck.api.Refusals;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI 3 description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}, both for logged-in
 * users): an API token (Bearer) or HTTP Basic as its security schemes, and every error as a {@code Problem}: those any endpoint may answer, and
 * each endpoint's own {@link Refusals}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String PROBLEM = "Problem";

    /** What each refusal means in this API. */
    static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(
                    400,
                    "The request cannot be read: malformed JSON, a value of the wrong type, an unknown"
                            + " parameter or enum constant; errors names the field"),
            Map.entry(401, "No valid credentials"),
            Map.entry(403, "Your role does not allow this action"),
            Map.entry(404, "No such job, trigger, calendar or execution"),
            Map.entry(
                    409,
                    "Refused in the current state (a calendar in use, a job defined in code, a run that"
                            + " cannot be interrupted ...)"),
            Map.entry(412, "If-Match does not match the job's current version: someone changed it; read it again"),
            Map.entry(422, "Some fields are not valid; errors lists each with its message"),
            Map.entry(428, "If-Match is required: send the ETag the job was read with"),
            Map.entry(500, "Internal error; the server log has the details"));

    private static final int[] EVERY_ENDPOINT = {400, 401, 403, 500};

    @Bean
    OpenAPI jobdeckOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Jobdeck API")
                        .version("v1")
                        .description("The Quartz scheduler, its jobs, triggers and calendars, as the web console"
                                + " shows them, with the same roles: VIEWER reads, OPERATOR controls, ADMIN defines."
                                + " Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes(
                                "token",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A personal API token (jdk_…), made on the API tokens page"))
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic"))
                        .addSchemas(PROBLEM, problemSchema()))
                // Either: a token, or a password while jobdeck.security.api.basic-enabled is true.
                .addSecurityItem(new SecurityRequirement().addList("token"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses();
            for (int status : EVERY_ENDPOINT) {
                addProblem(responses, status);
            }
            Refusals refusals = handler.getMethodAnnotation(Refusals.class);
            if (refusals != null) {
                for (int status : refusals.value()) {
                    addProblem(responses, status);
                }
            }
            return operation;
        };
    }

    private static void addProblem(ApiResponses responses, int status) {
        responses.putIfAbsent(
                String.valueOf(status),
                new ApiResponse()
                        .description(MEANINGS.getOrDefault(status, "Refused"))
                        .content(new Content()
                                .addMediaType(
                                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                        new MediaType()
                                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem detail")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Unprocessable Content"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("Some fields are not valid; see errors"))
                .addProperty("instance", new StringSchema().example("/api/v1/jobs"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("The fields refused, for 400 and 422")
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema().example("trigger.1.cron"))
                                        .addProperty("message", new StringSchema())));
    }
}
