// The reference workload of benchmarks/README.md, written for ns-3 so that the same simulation can
// be timed beside ftpsim's ReferenceWorkloadBenchmark on the same machine:
// N client hosts, each on its own 100 Mbps / 1 ms link to one router; the router to one server
// over 1 Gbps / 5 ms; drop-tail queues of 100 packets; static routes; NewReno, MSS 1460, no TCP
// timestamps, delayed ACKs on; each client opens one TCP connection at a start time uniform in
// [0, 1 s) and sends exactly 1 000 000 bytes; the run ends when the server has received them all.
//
// Usage: reference-workload N [seed]; prints one line: N, simulated end, events, wall, events/s.
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace ns3;

static const uint64_t BYTES_PER_CLIENT = 1000000;
static uint64_t g_received = 0;
static uint64_t g_expected = 0;

static void
Received(Ptr<const Packet> p, const Address&)
{
    g_received += p->GetSize();
    if (g_received >= g_expected)
    {
        Simulator::Stop();
    }
}

int
main(int argc, char* argv[])
{
    const uint32_t n = argc > 1 ? std::atoi(argv[1]) : 100;
    const uint32_t seed = argc > 2 ? std::atoi(argv[2]) : 1;
    RngSeedManager::SetSeed(seed);
    g_expected = n * BYTES_PER_CLIENT;

    Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpNewReno::GetTypeId()));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1460));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(2));
    Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(false));
    Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(false));

    NodeContainer clients;
    clients.Create(n);
    Ptr<Node> router = CreateObject<Node>();
    Ptr<Node> server = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(clients);
    stack.Install(router);
    stack.Install(server);

    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    access.SetChannelAttribute("Delay", StringValue("1ms"));
    access.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("100p"));
    PointToPointHelper core;
    core.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    core.SetChannelAttribute("Delay", StringValue("5ms"));
    core.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("100p"));

    // Only the devices' 100-packet drop-tail queues: the queue disc Assign() puts in front of each
    // device (pfifo_fast, 1000 packets) is removed again.
    TrafficControlHelper none;
    Ipv4AddressHelper addresses;
    NetDeviceContainer coreDevices = core.Install(router, server);
    addresses.SetBase("10.255.0.0", "255.255.255.252");
    Ipv4InterfaceContainer coreIfs = addresses.Assign(coreDevices);
    none.Uninstall(coreDevices);
    for (uint32_t i = 0; i < n; i++)
    {
        NetDeviceContainer d = access.Install(clients.Get(i), router);
        char base[32];
        std::snprintf(base, sizeof(base), "10.%u.%u.0", 1 + (i >> 8), i & 255);
        addresses.SetBase(base, "255.255.255.0");
        addresses.Assign(d);
        none.Uninstall(d);
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    const uint16_t port = 5001;
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinkApp = sink.Install(server);
    sinkApp.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&Received));
    sinkApp.Start(Seconds(0));

    Ptr<UniformRandomVariable> start = CreateObject<UniformRandomVariable>();
    start->SetAttribute("Min", DoubleValue(0));
    start->SetAttribute("Max", DoubleValue(1));
    for (uint32_t i = 0; i < n; i++)
    {
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(coreIfs.GetAddress(1), port));
        bulk.SetAttribute("MaxBytes", UintegerValue(BYTES_PER_CLIENT));
        bulk.SetAttribute("SendSize", UintegerValue(1460));
        ApplicationContainer app = bulk.Install(clients.Get(i));
        app.Start(Seconds(start->GetValue()));
    }

    Simulator::Stop(Seconds(1000)); // a bound; the last byte stops it earlier
    const auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double end = Simulator::Now().GetSeconds();
    const uint64_t events = Simulator::GetEventCount();
    std::printf("%6u %10.3f %12lu %9.2f %11.0f %s %s\n", n, end, (unsigned long)events, wall, events / wall,
                g_received >= g_expected ? "complete" : "incomplete", Version::BuildProfile().c_str());
    Simulator::Destroy();
    return 0;
}
