package hu.tokenplatform.platformdriver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackPortsTest {

    @Test
    void aPlatformsPortsAreAllDifferentOutsideTheEphemeralRangeAndBindable() throws IOException {
        int[] ephemeral = LoopbackPorts.ephemeralRange();
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            taken.add(LoopbackPorts.free(taken));
        }
        assertEquals(taken.size(), new HashSet<>(taken).size(), "a port was given twice: " + taken);
        for (int port : taken) {
            assertTrue(port >= LoopbackPorts.LOWEST, port + " is among the commonly used low ports");
            assertFalse(port >= ephemeral[0] && port <= ephemeral[1], port + " is in the ephemeral range");
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, bound.getLocalPort());
            }
        }
    }

    @Test
    void aPortSomeoneHoldsIsNeverGiven() throws IOException {
        int port = LoopbackPorts.free(List.of());
        try (ServerSocket someoneElses = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 500; i++) {
                assertTrue(LoopbackPorts.free(List.of()) != port, "gave the held port " + port);
            }
        }
    }
}
