package minegraph;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j Community for the tests: Bolt on 127.0.0.1 and a free port, authentication on
 * with a generated password for user neo4j, data under DIR.
 *
 * Usage: TestServer DIR.  When Bolt accepts connections it writes DIR/connection.env
 * (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD lines, readable by the owner only); it runs
 * until SIGTERM, then shuts the database down cleanly.
 */
public final class TestServer {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TestServer DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        Path connection = dir.resolve("connection.env");
        Files.deleteIfExists(connection);

        int port = freePort();
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir.resolve("home"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
                // the suite tries wrong passwords on purpose: never lock the user out
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                // LOAD CSV reads quotes as RFC 4180 (""), as neo4j-admin database import does,
                // so the tests can load the csv export with it
                .setConfig(GraphDatabaseSettings.csv_legacy_quote_escaping, false)
                // a query's --timeout is noticed within 0.1 s, not the default 2 s
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, java.time.Duration.ofMillis(100))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        // Embedded code is not subject to authentication: it sets the password, so the
        // server never asks for the default one to be changed.
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        Path partial = dir.resolve("connection.env.partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, "NEO4J_URI=bolt://127.0.0.1:" + port + "\n"
                + "NEO4J_USERNAME=neo4j\n" + "NEO4J_PASSWORD=" + password + "\n");
        Files.move(partial, connection, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Neo4j ready on bolt://127.0.0.1:" + port);
        Thread.currentThread().join();  // until SIGTERM runs the shutdown hook
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
