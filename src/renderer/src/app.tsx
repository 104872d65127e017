// The explorer UI grows here (lanes, produce, topics, groups, browse). Until the
// app engine lands it shows how to reach the local broker from the command line.
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Kafka Lanes</h1>
      <p>
        Start the local broker with <code>npm run broker</code> and point any Kafka client at{' '}
        <code>localhost:9092</code>.
      </p>
    </main>
  );
}
