package hu.tokenplatform.auth.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many requests sent at once, as an attacker racing the service's counters would send them. */
public final class Parallel {

    private Parallel() {
    }

    /** One request of a batch; {@code i} numbers it from 0. */
    public interface Request<T> {
        T send(int i) throws Exception;
    }

    /** Sends {@code count} requests from as many threads, all released by one start gate; the answers in order. */
    public static <T> List<T> atOnce(int count, Request<T> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                answers.add(threads.submit(() -> {
                    gate.await();
                    return request.send(n);
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
