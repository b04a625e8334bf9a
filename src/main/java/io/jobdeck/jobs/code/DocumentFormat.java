package io.jobdeck.jobs.code;

import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The two spellings of a definitions document, written and read by Jackson (YAML through its YAML module). */
public enum DocumentFormat {
    YAML("application/yaml", "yaml"),
    JSON("application/json", "json");

    /** The longest document read, in characters: room for well over 10,000 jobs. */
    public static final int MAX_CHARS = 64 * 1024 * 1024;

    private final String mediaType;
    private final String extension;
    private final ObjectMapper mapper;

    DocumentFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.mapper = extension.equals("yaml")
                ? YAMLMapper.builder(YAMLFactory.builder()
                                .loadSettings(LoadSettings.builder()
                                        .setCodePointLimit(MAX_CHARS)
                                        .build())
                                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                                .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
                                .build())
                        .build()
                : JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build();
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public String write(DefinitionsDocument document) {
        return mapper.writeValueAsString(document);
    }

    String write(JsonNode tree) {
        return mapper.writeValueAsString(tree);
    }

    /**
     * A document's tree, read as JSON if it starts with {@code {}, else as YAML; fails with Jackson's message, which
     * says where, if it is neither.
     */
    static JsonNode parse(String text) {
        return (text.stripLeading().startsWith("{") ? JSON : YAML).mapper.readTree(text);
    }

    /** The format a file name or media type names; YAML for anything else (JSON is YAML too, for reading). */
    public static DocumentFormat of(String nameOrType) {
        String s = nameOrType.toLowerCase(Locale.ROOT);
        return s.endsWith(".json") || s.contains("json") ? JSON : YAML;
    }

    /** The format a media type asks for, if it is one of the two. */
    public static Optional<DocumentFormat> ofMediaType(String type) {
        String s = type.toLowerCase(Locale.ROOT);
        if (s.contains("json")) {
            return Optional.of(JSON);
        }
        return s.contains("yaml") ? Optional.of(YAML) : Optional.empty();
    }
}
