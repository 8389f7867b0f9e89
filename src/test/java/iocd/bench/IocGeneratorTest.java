package iocd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import iocd.ioc.Ioc;
import iocd.ioc.IocType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IocGeneratorTest {
    private static final int RECORDS = 50_000;

    @Test
    void generator_sameSeedSameRecords() {
        IocGenerator first = new IocGenerator(7);
        IocGenerator second = new IocGenerator(7);
        for (int i = 0; i < 1_000; i++) {
            assertThat(second.next()).isEqualTo(first.next());
        }
    }

    @Test
    void generator_otherSeedOtherRecords() {
        assertThat(new IocGenerator(8).next()).isNotEqualTo(new IocGenerator(7).next());
    }

    @Test
    void generator_valuesNormaliseAndStayUnique() {
        IocGenerator generator = new IocGenerator(IocGenerator.DEFAULT_SEED);
        Set<String> keys = new HashSet<>();
        Map<IocType, Integer> perType = new EnumMap<>(IocType.class);
        for (int i = 0; i < RECORDS; i++) {
            Ioc ioc = generator.nextIoc();
            keys.add(ioc.type() + " " + ioc.value());
            perType.merge(ioc.type(), 1, Integer::sum);
        }

        assertThat(keys).hasSize(RECORDS);
        assertThat(perType.keySet()).containsExactlyInAnyOrder(IocType.values());
        assertThat(perType.get(IocType.IPV4)).isBetween(RECORDS * 36 / 100, RECORDS * 44 / 100);
        assertThat(perType.get(IocType.DOMAIN)).isBetween(RECORDS * 36 / 100, RECORDS * 44 / 100);
    }

    @Test
    void ipv4_staysInReservedRanges() {
        List<String> addresses = new ArrayList<>();
        for (long n : new long[] {0, 1, (1 << 17) - 1, 1 << 17, (1 << 17) + (1 << 24) - 1}) {
            addresses.add(IocGenerator.ipv4(n));
        }

        assertThat(addresses.subList(0, 3)).allMatch(a -> a.startsWith("198.18.") || a.startsWith("198.19."));
        assertThat(addresses.subList(3, 5)).allMatch(a -> a.startsWith("240."));
    }

    @Test
    void ipv4_distinctForDistinctIndexes() {
        Set<String> addresses = new HashSet<>();
        for (long n = (1 << 17) - 5_000; n < (1 << 17) + 5_000; n++) {
            addresses.add(IocGenerator.ipv4(n));
        }

        assertThat(addresses).hasSize(10_000);
    }

    @Test
    void parseCount_acceptsSuffixes() {
        assertThat(IocGenerator.parseCount("10k")).isEqualTo(10_000);
        assertThat(IocGenerator.parseCount("1M")).isEqualTo(1_000_000);
        assertThat(IocGenerator.parseCount("1234")).isEqualTo(1_234);
    }
}
