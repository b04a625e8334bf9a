/**
 * What every controller of the versioned REST API ({@code /api/v1}) shares: errors as RFC 9457 problem details
 * ({@link io.jobdeck.api.ApiProblem}, answered for every {@link io.jobdeck.api.RestApi} controller), and the OpenAPI
 * description with its Swagger UI. The endpoints themselves live in each feature's {@code api} subpackage and call the
 * same services as the views, whose {@code @PreAuthorize} rules decide who may do what.
 */
@NullMarked
package io.jobdeck.api;

import org.jspecify.annotations.NullMarked;
