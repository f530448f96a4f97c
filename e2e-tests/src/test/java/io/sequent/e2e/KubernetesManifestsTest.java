package io.sequent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests, checked offline: each overlay renders with kustomize, every document
 * parses into the Kubernetes model with no field the model does not know, and what the manifests
 * say about the services (ports, probe paths, configuration keys, topics) agrees with the services'
 * own configuration and the local infrastructure.
 */
class KubernetesManifestsTest {

    private static final Set<String> OPERATOR_KINDS = Set.of(
            "kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic",
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database");
    private static final Path ROOT = Suite.root();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDocumentOfTheOverlayIsAKnownKindWithNoStrayField(String overlay) {
        List<HasMetadata> documents = render(overlay);
        assertThat(documents).hasSizeGreaterThan(20);
        for (HasMetadata document : documents) {
            String id = document.getKind() + "/" + document.getMetadata().getName();
            if (document instanceof GenericKubernetesResource generic) {
                assertThat(OPERATOR_KINDS).as(id + " is an operator resource this project uses")
                        .contains(generic.getApiVersion() + "/" + generic.getKind());
                assertThat(generic.getAdditionalProperties()).as(id + " has a spec").containsKey("spec");
            } else {
                List<String> stray = new ArrayList<>();
                strayFields(document, id, stray);
                assertThat(stray).as("fields the Kubernetes model does not know").isEmpty();
            }
            assertThat(document.getMetadata().getNamespace()).as(id + " namespace")
                    .isEqualTo(overlay.equals("dev") ? "sequent-dev" : "sequent");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void deploymentsAgreeWithTheServicesConfiguration(String overlay) throws IOException {
        List<HasMetadata> documents = render(overlay);
        Map<String, ConfigMap> configMaps = byName(documents, ConfigMap.class);
        Map<String, Service> services = byName(documents, Service.class);
        List<Deployment> deployments = documents.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().endsWith("-service")).toList();
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("auth-flow-service", "policy-service", "factor-service", "directory-sync-service");

        for (Deployment deployment : deployments) {
            String module = deployment.getMetadata().getName();
            String properties = Files.readString(ROOT.resolve(module + "/src/main/resources/application.properties"));
            int port = Integer.parseInt(property(properties, "quarkus.http.port"));
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

            assertThat(container.getPorts().get(0).getContainerPort()).as(module + " port").isEqualTo(port);
            assertThat(services.get(module).getSpec().getPorts().get(0).getPort()).as(module + " Service port").isEqualTo(port);
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(container.getResources().getLimits()).as(module + " limits").containsKeys("cpu", "memory");
            assertThat(container.getResources().getRequests()).as(module + " requests").containsKeys("cpu", "memory");
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(module + " read-only root").isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/tmp");

            // every variable the manifests set is one the service reads
            List<String> variables = new ArrayList<>(configMaps.get(module).getData().keySet());
            container.getEnv().forEach(e -> variables.add(e.getName()));
            for (String variable : variables) {
                if (!variable.equals("JAVA_OPTS_APPEND")) {
                    assertThat(properties).as(module + " reads " + variable).contains("${" + variable + ":");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void topicsAreTheOnesTheLocalBrokerHas(String overlay) throws IOException {
        Map<String, String> local = new HashMap<>();
        Matcher line = Pattern.compile("\"(sequent\\.[a-z.]+) (\\d+) (compact|delete)\"")
                .matcher(Files.readString(ROOT.resolve("deploy/local/infra.sh")));
        while (line.find()) {
            local.put(line.group(1), line.group(2) + " " + line.group(3));
        }
        assertThat(local).hasSize(5);
        Map<String, String> manifests = new HashMap<>();
        for (HasMetadata document : render(overlay)) {
            if (document instanceof GenericKubernetesResource topic && topic.getKind().equals("KafkaTopic")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) topic.getAdditionalProperties().get("spec");
                @SuppressWarnings("unchecked")
                Map<String, Object> config = (Map<String, Object>) spec.getOrDefault("config", Map.of());
                manifests.put(topic.getMetadata().getName(),
                        spec.get("partitions") + " " + config.getOrDefault("cleanup.policy", "delete"));
            }
        }
        assertThat(manifests).isEqualTo(local);
    }

    private static List<HasMetadata> render(String overlay) {
        Path dir = ROOT.resolve("deploy/k8s/overlays/" + overlay);
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
            String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(kubectl.exitValue()).as("kubectl kustomize " + dir + ": " + errors).isZero();
            KubernetesSerialization serialization = new KubernetesSerialization();
            List<HasMetadata> documents = new ArrayList<>();
            for (String document : yaml.split("(?m)^---\\s*$")) {
                if (!document.isBlank()) {
                    documents.add(serialization.unmarshal(document, HasMetadata.class));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render the manifests (deploy/local/test.sh installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Collects every field that landed in a model object's catch-all map: a typo or a wrong level. */
    private static void strayFields(Object node, String path, List<String> stray) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                strayFields(item, path + "[" + i++ + "]", stray);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strayFields(v, path + "." + k, stray));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty() && node instanceof KubernetesResource) {
                        stray.add(path + ": " + extra.keySet());
                    }
                } else if (value != null && !(value instanceof String) && !(value instanceof Number)
                        && !(value instanceof Boolean) && !value.getClass().isEnum()) {
                    strayFields(value, path + "." + getter.getName(), stray);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static <T extends HasMetadata> Map<String, T> byName(List<HasMetadata> documents, Class<T> type) {
        Map<String, T> found = new HashMap<>();
        documents.stream().filter(type::isInstance).map(type::cast).forEach(d -> found.put(d.getMetadata().getName(), d));
        return found;
    }

    private static String property(String properties, String key) throws IOException {
        Properties parsed = new Properties();
        parsed.load(new java.io.StringReader(properties));
        return parsed.getProperty(key);
    }
}
