package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertProperties;
import io.jobdeck.alerts.Channel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs the alert as JSON to {@code jobdeck.alerts.webhook.url}, signed with {@code X-Jobdeck-Signature}. Blocking, on
 * the delivering thread, within the configured timeout (no thread of its own). A 2xx answer delivers; a 408, 429 or 5xx
 * answer or no answer is retried; any other answer is final.
 */
@Component
class WebhookSender implements ChannelSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertProperties.Webhook settings;
    private final RestClient client;

    WebhookSender(AlertProperties properties) {
        this.settings = properties.webhook();
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(settings.timeout());
        requests.setReadTimeout(settings.timeout());
        this.client = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(Alert alert) throws Exception {
        URI url = settings.url();
        if (url == null) {
            throw new Permanent("No webhook is configured (jobdeck.alerts.webhook.url)");
        }
        byte[] body = payload(alert);
        RestClient.RequestBodySpec request =
                client.post().uri(url).contentType(MediaType.APPLICATION_JSON).header("X-Jobdeck-Alert", alert.id());
        if (settings.secret() != null && !settings.secret().isEmpty()) {
            request.header(Signatures.HEADER, Signatures.sign(settings.secret(), body));
        }
        HttpStatusCode status = request.body(body).exchange((req, response) -> response.getStatusCode(), true);
        if (status.is2xxSuccessful()) {
            return;
        }
        int code = status.value();
        String problem = "The webhook answered " + code;
        if (code == 408 || code == 429 || status.is5xxServerError()) {
            throw new IllegalStateException(problem);
        }
        throw new Permanent(problem);
    }

    /** The JSON body: the same fields for every phase. */
    static byte[] payload(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", alert.id());
        body.put("phase", alert.phase().name());
        body.put("kind", alert.kind().name());
        body.put("rule", alert.ruleId());
        body.put("subject", alert.subject());
        body.put("message", alert.message());
        body.put("at", alert.at().toString());
        body.put("node", alert.node());
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }
}
