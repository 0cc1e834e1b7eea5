global using GraphFusion.Testing;
