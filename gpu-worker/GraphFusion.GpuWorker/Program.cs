using GraphFusion.GpuWorker;

var builder = WebApplication.CreateBuilder(args);
builder.AddGpuWorker();

var app = builder.Build();
app.UseGpuWorker();
app.Run();
