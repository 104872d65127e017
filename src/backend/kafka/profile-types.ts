// What the Kafka adapter needs to reach a cluster: the profile's connection
// settings with its secrets, as the connection store holds them.

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface ConnectionSettings {
  bootstrapServers: string[];
  clientId: string;
  tls?: {
    enabled: boolean;
    /** PEM; absent means the system's trusted CAs. */
    ca?: string;
    cert?: string;
    key?: string;
    rejectUnauthorized: boolean;
  };
  sasl?: { mechanism: SaslMechanism; username: string; password?: string };
}
