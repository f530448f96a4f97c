package io.sequent.authflow.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script sent by its SHA-1 ({@code EVALSHA}), so a call on the sign-in path carries the hash
 * rather than the script's text. When Redis does not hold the script (first use, or after a
 * restart) it answers NOSCRIPT and the script is sent once whole ({@code EVAL}, which caches it).
 */
final class LuaScript {

    private final String source;
    private final String sha1;

    LuaScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the script with {@code keyCount} keys first in {@code keysThenArgs}. */
    Uni<Response> run(ReactiveRedisDataSource redis, int keyCount, String... keysThenArgs) {
        return redis.execute("EVALSHA", command(sha1, keyCount, keysThenArgs))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.execute("EVAL", command(source, keyCount, keysThenArgs)));
    }

    private static String[] command(String script, int keyCount, String[] keysThenArgs) {
        String[] command = new String[keysThenArgs.length + 2];
        command[0] = script;
        command[1] = Integer.toString(keyCount);
        System.arraycopy(keysThenArgs, 0, command, 2, keysThenArgs.length);
        return command;
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }
}
