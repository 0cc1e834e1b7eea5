namespace GraphFusion.Workflows.Tests;

/// <summary>A small glossary and the documents that mention its terms, shared by the reference workflow tests.</summary>
internal static class ReferenceSamples
{
    public const string Glossary = """
        id,term,description,synonyms,parent
        lstm,Long short-term memory,A recurrent neural network with gated memory cells used for speech recognition and sequence tasks,LSTM,Neural networks
        rnn,Recurrent neural network,A neural network whose connections form cycles over a sequence,RNN,Neural networks
        asr,Speech recognition,Turning spoken audio into text with acoustic and language models,ASR,Tasks
        """;

    public const string Lstm = "Long short-term memory (LSTM) is a type of recurrent neural network. LSTM networks are used for speech recognition.";
}
