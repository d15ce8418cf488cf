import Testing

/// Tests that change the process-wide locale (`setlocale`) run one at a time, never beside each other.
@Suite(.serialized) struct LocaleSerialized {}
