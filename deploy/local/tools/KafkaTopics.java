import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the local topics if missing (idempotent). Run in single-file source mode by deploy/local/up.sh with the
 * broker's jars on the class path, so it needs no build step:
 * {@code java -cp 'deploy/local/kafka-broker/target/lib/*' deploy/local/tools/KafkaTopics.java <bootstrap> <partitions> <topic>...}
 * Prints one summary line; exit code 0 when every topic exists afterwards.
 */
public final class KafkaTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: KafkaTopics <bootstrap-servers> <partitions> <topic>...");
            System.exit(2);
        }
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        List<String> wanted = List.of(args).subList(2, args.length);

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "lianmeng-up");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : wanted) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1));
                }
            }
            int created = 0;
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get();
                    created++;
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
            }
            StringBuilder summary = new StringBuilder();
            for (TopicDescription d : admin.describeTopics(wanted).allTopicNames().get().values()) {
                summary.append(summary.isEmpty() ? "" : ", ").append(d.name()).append('/').append(d.partitions().size());
            }
            System.out.println("created " + created + ", existing " + (wanted.size() - created) + ": " + summary);
        }
    }
}
