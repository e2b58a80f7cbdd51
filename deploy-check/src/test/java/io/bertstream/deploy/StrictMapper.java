package io.bertstream.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;

/**
 * A Jackson mapper that rejects any field its target type does not declare.
 *
 * <p>fabric8's model classes collect unknown fields in an {@code @JsonAnySetter} map instead of
 * failing, so FAIL_ON_UNKNOWN_PROPERTIES alone would accept a misspelt {@code livenesProbe}. This
 * mapper ignores any-setters and {@code ignoreUnknown}, which turns every unknown field back into
 * an error.
 */
final class StrictMapper {

  private StrictMapper() {}

  static ObjectMapper create() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setAnnotationIntrospector(new NoAnySetter());
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    return mapper;
  }

  private static final class NoAnySetter extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean hasAnySetter(Annotated annotated) {
      return Boolean.FALSE;
    }

    @Override
    public JsonIgnoreProperties.Value findPropertyIgnoralByName(
        MapperConfig<?> config, Annotated annotated) {
      return super.findPropertyIgnoralByName(config, annotated).withoutIgnoreUnknown();
    }
  }
}
