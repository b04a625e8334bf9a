package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.http.HttpJobSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP request's fields: method, URL, headers (some secret), body, timeout, expected status codes. */
class HttpFields extends TypeFields {

    private final Select<String> method = new Select<>();
    private final TextField url = new TextField();
    private final TextArea headers = new TextArea();
    private final TextField secretHeaders = new TextField();
    private final TextField secretParameters = new TextField();
    private final TextArea body = new TextArea();
    private final TextField timeout = new TextField();
    private final TextField expected = new TextField();

    HttpFields() {
        method.setItems(HttpJobSpec.METHODS);
        method.setValue("GET");
        timeout.setPlaceholder("30");
        expected.setPlaceholder(HttpJobSpec.DEFAULT_EXPECTED);
        headers.setPlaceholder("Authorization: Bearer …\nAccept: application/json");
        field(method, HttpJobSpec.METHOD, getTranslation("job.form.http.method"));
        text(url, HttpJobSpec.URL, getTranslation("job.form.http.url"));
        text(headers, HttpJobSpec.HEADERS, getTranslation("job.form.http.headers"));
        text(secretHeaders, HttpJobSpec.SECRET_HEADERS, getTranslation("job.form.http.secretHeaders"));
        text(secretParameters, HttpJobSpec.SECRET_PARAMETERS, getTranslation("job.form.http.secretParameters"));
        text(body, HttpJobSpec.BODY, getTranslation("job.form.http.body"));
        text(timeout, HttpJobSpec.TIMEOUT, getTranslation("job.form.http.timeout"));
        text(expected, HttpJobSpec.EXPECTED, getTranslation("job.form.http.expected"));
        url.setWidthFull();
        secretHeaders.setHelperText(getTranslation("job.form.http.secretHeaders.help"));
        secretParameters.setHelperText(getTranslation("job.form.http.secretParameters.help"));
        FormLayout request = getContent();
        request.add(method, url, headers, secretHeaders, secretParameters, body, timeout, expected);
        request.setColspan(url, 2);
        request.setColspan(headers, 2);
        request.setColspan(body, 2);
    }

    @Override
    JobDefinition.JobType type() {
        return JobDefinition.JobType.HTTP;
    }

    @Override
    String title() {
        return "job.form.http";
    }

    @Override
    Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(HttpJobSpec.METHOD, method.getValue() == null ? "" : method.getValue());
        data.putAll(texts());
        return data;
    }

    @Override
    void fill(Map<String, String> data) {
        method.setValue(data.getOrDefault(HttpJobSpec.METHOD, "GET"));
        fillTexts(data);
        maskNote(url);
        maskNote(headers);
    }
}
