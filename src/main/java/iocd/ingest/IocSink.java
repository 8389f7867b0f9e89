package iocd.ingest;

import iocd.ioc.Ioc;

/**
 * Receives what a parser reads: usable IOCs, rejections and skipped records. Every value a parser reads ends in
 * exactly one of the three calls, so the counts add up to the number of values read.
 */
interface IocSink {
    void accept(Ioc ioc);

    void reject(Rejection rejection);

    /** A record the format carries but iocd does not import, such as a STIX relationship; not an error. */
    void skip(String location, String kind);

    default void reject(String location, String value, String reason) {
        reject(new Rejection(location, value, reason));
    }
}
