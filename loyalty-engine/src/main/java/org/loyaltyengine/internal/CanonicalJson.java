package org.loyaltyengine.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyException;

/**
 * The one JSON form of requests and outcomes (docs/command-log.md): what the command log keeps and what
 * the idempotency fingerprint is taken of. Canonical, so that equal requests give equal bytes:
 *
 * <ul>
 *   <li>keys sorted, record components and map entries alike;</li>
 *   <li>a record is its components and nothing else (a method that reads like a getter, such as
 *       {@code Address.isEmpty()}, is no part of it);</li>
 *   <li>decimals as strings in plain notation with their scale ({@code "12.50"}, never {@code 12.5} or
 *       {@code 1.25E+1}): a scale is part of a value here, and no JSON reader turns a string into a double;</li>
 *   <li>dates, instants, months as ISO text; currencies as their code; enums by name;</li>
 *   <li>nulls written out, so an absent key never stands for anything;</li>
 *   <li>no white space.</li>
 * </ul>
 *
 * Reading is strict: an unknown key, a missing primitive or a trailing token is an error, never a default.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = mapper();

    private CanonicalJson() {
    }

    private static ObjectMapper mapper() {
        SimpleModule componentsOnly = new SimpleModule("record-components");
        componentsOnly.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                Class<?> type = bean.getBeanClass();
                if (!type.isRecord()) {
                    return properties;
                }
                Set<String> components = Arrays.stream(type.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet());
                return properties.stream().filter(p -> components.contains(p.getName())).toList();
            }
        });
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(componentsOnly)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        return mapper;
    }

    /** The canonical JSON of a request, an outcome or any value made of records, lists, maps and the above. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Every request is a record of values this mapper knows; one it cannot write is a defect.
            throw new InternalDefectException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Reads what {@link #write} wrote; bad input (malformed, unknown key, a value its record refuses) is typed. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw refused(type, e);
        }
    }

    /** A parsed tree, for the export format whose lines nest requests and outcomes. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** The canonical text of a tree read from canonical text: the same characters. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new InternalDefectException("cannot write a JSON tree: " + e.getOriginalMessage(), e);
        }
    }

    /** A value read from a tree. */
    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw refused(type, e);
        }
    }

    private static LoyaltyException refused(Class<?> type, Exception e) {
        // A record's compact constructor refuses a value with a typed error: that one is the reason.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LoyaltyException typed) {
                return typed;
            }
        }
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new InvalidValueException("cannot read a " + type.getSimpleName() + " from JSON: " + message);
    }
}
